import { describe, expect, it } from 'vitest';
import { storeLocation } from './runtime.ts';

describe('storeLocation', () => {
  it('opens PostgreSQL in the configured schema, and the embedded store in its folder', () => {
    expect(storeLocation({ dataDir: '/var/mosaic', databaseUrl: 'postgres://db/mosaic', databaseSchema: 'agency_a' })).toEqual({ databaseUrl: 'postgres://db/mosaic', schema: 'agency_a' });
    expect(storeLocation({ dataDir: '/var/mosaic', databaseUrl: 'postgres://db/mosaic' })).toEqual({ databaseUrl: 'postgres://db/mosaic' });
    expect(storeLocation({ dataDir: '/var/mosaic', databaseSchema: 'agency_a' })).toEqual({ dataDir: '/var/mosaic' });
  });
});
