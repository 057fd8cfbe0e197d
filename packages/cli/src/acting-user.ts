/**
 * Commands that read or write shared data act as a stored user (`--as NAME`), so the policy
 * decides and the audit log records exactly as it would for that user in the web app.
 */
import { AppError } from '@mosaic/model';
import type { Mosaic } from '@mosaic/service';
import type { User } from '@mosaic/store';

export const ACTING_OPTIONS = { as: { type: 'string' } } as const;

export async function actingUser(mosaic: Mosaic, name: string | undefined, command: string): Promise<User> {
  if (!name) throw new AppError('MOSAIC_INVALID_INPUT', `${command}: --as must name a user of this store (mosaic users list)`);
  const user = await mosaic.store.findUserByName(name);
  if (!user) throw new AppError('MOSAIC_NOT_FOUND', `${command}: no user named ${JSON.stringify(name)}`);
  return user;
}
