/**
 * `mosaic audit` on a real data folder: the retention period is set and shown, a prune deletes
 * the entries past it (or before --before) and logs itself, and `verify` still passes; a date
 * that is not one or is to come, or no date and no period, is refused naming --before, and
 * nothing is deleted; cutting the head of the log without its signed cut is still caught; a
 * prune stopped by Ctrl-C, as a real process, ends cleanly with the log as it verified.
 */
import type { AuditEntry, AuditEvent } from '@mosaic/audit';
import { AgencyId, UserId } from '@mosaic/model';
import { AUDIT_KEY_FILE, auditVerifyKeys, openMosaic, parseConfig, readAuditKeys, verifyAuditLog } from '@mosaic/service';
import { openTestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage, openStore, SQLITE_FILE_NAME } from '@mosaic/store';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runOnStore } from '../run-for-test.ts';
import { run } from './audit.ts';

const consultation: AuditEvent = { actor: { user: UserId('fedpol.fedAnalyst'), agency: AgencyId('fedpol') }, action: 'consultation', purpose: 'test', outcome: 'ok' };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data folder whose log holds `count` entries made on each of the given days. */
async function folderWithLog(days: readonly string[], count = 6): Promise<string> {
  let now = new Date(`${days[0]}T12:00:00Z`);
  const test = await openTestMosaic({ now: () => now });
  dirs.push(test.dir);
  for (const day of days) {
    now = new Date(`${day}T12:00:00Z`);
    for (let i = 0; i < count; i++) await test.mosaic.audit.append(consultation);
  }
  await test.mosaic.close();
  return test.dir;
}

async function logOf(dir: string): Promise<AuditEntry[]> {
  const store = await openStore({ dataDir: dir });
  try {
    const all: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(store).entries()) all.push(entry);
    return all;
  } finally {
    await store.close();
  }
}

const audit = (dir: string, ...argv: string[]) => runOnStore(run, dir, argv);
/** The reason and reference an operator gives a command that changes the log or how it is kept. */
const WHY = ['--purpose', 'yearly audit housekeeping', '--case', 'CHG-2026-11'];
const json = (out: string): unknown => JSON.parse(out.trim().split('\n').at(-1) ?? 'null');

describe('mosaic audit prune', () => {
  it('stopped by Ctrl-C, writes nothing it had not finished, says so, exits 130 and leaves the log verifying', async () => {
    let now = new Date('2020-03-01T12:00:00Z');
    const test = await openTestMosaic({ now: () => now });
    dirs.push(test.dir);
    const count = 20_000;
    for (let i = 0; i < count; i += 2_000) await test.mosaic.audit.appendAll(Array.from({ length: 2_000 }, () => consultation));
    now = new Date();
    await test.mosaic.close();
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MOSAIC_')));
    const prune = (): { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>; kill: () => boolean } => {
      const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'mosaic.js'), 'audit', 'prune', '--before', '2021-01-01', ...WHY, '--data', test.dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let [out, err] = ['', ''];
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      return { exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, out, err }))), kill: () => child.kill('SIGINT') };
    };
    const first = prune();
    // once the store is open (its write-ahead log made): the entries due are being read and verified
    for (let waited = 0; !existsSync(join(test.dir, 'mosaic.sqlite-wal')) && waited < 60_000; waited += 10) await sleep(10);
    first.kill();
    const stopped = await first.exited;
    expect(stopped, stopped.err).toMatchObject({ code: 130, signal: null });
    expect(stopped.err).toContain('mosaic audit prune: stopped by signal before deleting any entry; nothing was pruned');
    expect(json(stopped.out)).toMatchObject({ pruned: 0, deleted: 0, through: null, stopped: true });
    const store = await openStore({ dataDir: test.dir });
    try {
      expect(await verifyAuditLog(store, auditVerifyKeys(readAuditKeys(test.dir)), { requireSealedTail: true })).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
    expect((await logOf(test.dir)).filter((e) => e.reason === 'audit log pruned')).toEqual([]);

    const again = await prune().exited;
    expect(again, again.err).toMatchObject({ code: 0 });
    expect(json(again.out)).toMatchObject({ pruned: count, deleted: count });
  }, 180_000);

  it('deletes the entries made before --before, logs the prune, and the log still verifies', async () => {
    const dir = await folderWithLog(['2020-03-01', '2021-03-01']);
    const before = await logOf(dir);
    const pruned = await audit(dir, 'prune', '--before', '2021-01-01', ...WHY);
    expect(pruned.code).toBe(0);
    expect(json(pruned.out)).toMatchObject({ pruned: 6, deleted: 6, before: '2021-01-01T00:00:00.000Z', through: { seq: 6, time: '2020-03-01T12:00:00.000Z' } });
    const after = await logOf(dir);
    expect(after[0]?.seq).toBe(7);
    expect(after.find((e) => e.reason === 'audit log pruned')).toMatchObject({
      actor: { user: 'system:cli', agency: 'system' }, action: 'erasure', purpose: 'yearly audit housekeeping', caseRef: 'CHG-2026-11',
      query: { auditPrune: { before: '2021-01-01T00:00:00.000Z', fromSeq: 1, throughSeq: 6, throughHash: before[5]?.hash, entries: 6 } },
    });
    const verified = await audit(dir, 'verify', '--sealed');
    expect(verified.code).toBe(0);
    expect(json(verified.out)).toMatchObject({ ok: true, entries: after.length, prunedThrough: 6 });
  });

  it('prunes by the retention period set with mosaic audit retention', async () => {
    const dir = await folderWithLog(['2020-03-01', '2021-03-01']);
    expect(json((await audit(dir, 'retention')).out)).toEqual({ retention: null });
    const set = await audit(dir, 'retention', '--years', '1', '--end-of-year', ...WHY);
    expect(json(set.out)).toEqual({ retention: { years: 1, months: 0, days: 0, endOfYear: true } });
    expect(json((await audit(dir, 'retention')).out)).toEqual({ retention: { years: 1, months: 0, days: 0, endOfYear: true } });
    const pruned = await audit(dir, 'prune', ...WHY);
    expect(pruned.code).toBe(0);
    // today is years after 2021: every entry made then is past the end of the year after
    expect(json(pruned.out)).toMatchObject({ pruned: 12 });
    const kept = await logOf(dir);
    expect(kept.map((e) => e.reason)).toEqual(['audit retention set', 'audit log pruned']);
    expect((await audit(dir, 'verify')).code).toBe(0);
    expect(json((await audit(dir, 'retention', '--keep-all', ...WHY)).out)).toEqual({ retention: null });
    await expect(audit(dir, 'retention', '--years', 'one')).rejects.toThrow('audit retention: --years takes a whole number from 0, not "one"');
    await expect(audit(dir, 'retention', '--keep-all', '--days', '3')).rejects.toThrow(/--keep-all removes the period/);
    await expect(audit(dir, 'retention', '--days', '0', ...WHY)).rejects.toThrow(/a period of zero/);
  });

  it('refuses a date that is not one or is to come, and no date with no period, naming --before; nothing is deleted', async () => {
    const dir = await folderWithLog(['2020-03-01']);
    const before = await logOf(dir);
    await expect(audit(dir, 'prune', '--before', '2020-02-30')).rejects.toThrow('audit prune: --before "2020-02-30": not a day YYYY-MM-DD nor an ISO 8601 UTC instant; nothing was deleted');
    await expect(audit(dir, 'prune', '--before', 'last year')).rejects.toThrow('--before "last year": not a day');
    await expect(audit(dir, 'prune', '--before', '2199-01-01')).rejects.toThrow('audit prune: --before "2199-01-01": 2199-01-01T00:00:00.000Z is in the future: only entries already made can be pruned; nothing was deleted');
    await expect(audit(dir, 'prune', ...WHY)).rejects.toThrow('audit prune: no audit retention period is set (mosaic audit retention --years N) and no --before DATE was given; nothing was deleted');
    expect(await logOf(dir)).toEqual(before);
    await expect(audit(join(dir, 'nowhere'), 'prune', '--before', '2020-01-01', ...WHY)).rejects.toThrow(/audit prune: no store in/);
  });

  it('still catches the head of the log cut away without its signed cut, or beyond it', async () => {
    const dir = await folderWithLog(['2020-03-01', '2021-03-01']);
    expect((await audit(dir, 'prune', '--before', '2021-01-01', ...WHY)).code).toBe(0);
    const db = new DatabaseSync(join(dir, SQLITE_FILE_NAME));
    try {
      // one entry more than the cut says
      db.exec('delete from audit_entries where seq = 7');
      const beyond = await audit(dir, 'verify');
      expect(beyond.code).toBe(1);
      expect(json(beyond.out)).toMatchObject({ ok: false, firstBroken: 7, reason: 'entry_missing' });
      // the cut gone: the log starts at 8, as a log whose head was cut away
      db.exec('delete from audit_cuts');
      const uncut = await audit(dir, 'verify');
      expect(uncut.code).toBe(1);
      expect(json(uncut.out)).toMatchObject({ ok: false, firstBroken: 1, reason: 'entry_missing' });
      expect(uncut.err).toContain('the chain is broken at entry 1');
    } finally {
      db.close();
    }
  });
});

describe('mosaic audit rotate-key', () => {
  it('rotates the signing key; verify passes with the key file and with the auditor\'s copy of the keys, not with the first key alone', async () => {
    const dir = await folderWithLog(['2026-03-01'], 4);
    const first = JSON.parse(readFileSync(join(dir, AUDIT_KEY_FILE), 'utf8')) as { publicKeyPem: string };
    const rotated = await audit(dir, 'rotate-key', ...WHY);
    expect(rotated.code).toBe(0);
    expect(json(rotated.out)).toEqual({ retired: expect.stringMatching(/^[0-9a-f]{16}$/), current: expect.stringMatching(/^[0-9a-f]{16}$/), through: 5 });
    // the log goes on under the new key
    const test = await openMosaic(parseConfig({ dataDir: dir }, dir));
    for (let i = 0; i < 3; i++) await test.audit.append(consultation);
    await test.close();
    expect(json((await audit(dir, 'verify', '--sealed')).out)).toMatchObject({ ok: true, entries: 8 });

    const keys = await audit(dir, 'keys');
    const listed = json(keys.out) as { keys: { keyId: string; publicKeyPem: string; through?: number }[] };
    expect(listed.keys.map((k) => [k.keyId, k.through])).toEqual([[(json(rotated.out) as { current: string }).current, undefined], [(json(rotated.out) as { retired: string }).retired, 5]]);
    expect(keys.out).not.toContain('PRIVATE');
    const copy = join(dir, 'auditor-keys.json');
    writeFileSync(copy, keys.out);
    expect(json((await audit(dir, 'verify', '--public-key', copy)).out)).toMatchObject({ ok: true, entries: 8 });
    const firstOnly = join(dir, 'first.pem');
    writeFileSync(firstOnly, first.publicKeyPem);
    const refused = await audit(dir, 'verify', '--public-key', firstOnly);
    expect(refused.code).toBe(1);
    expect(json(refused.out)).toMatchObject({ ok: false, reason: 'unknown_key' });
    writeFileSync(copy, '{"keys": []}');
    await expect(audit(dir, 'verify', '--public-key', copy)).rejects.toThrow(`audit verify: --public-key ${copy}: "keys" must list at least one key`);
  });
});

describe('mosaic audit verify with the keys of another store', () => {
  it('says the log is signed with a key not among those given, naming both, not that the chain is broken', async () => {
    const dir = await folderWithLog(['2026-03-01'], 12);
    const elsewhere = await folderWithLog(['2026-03-01'], 1);
    const keyIdOf = async (folder: string): Promise<string> => (json((await audit(folder, 'keys')).out) as { keys: { keyId: string }[] }).keys[0]!.keyId;
    const [ours, theirs] = [await keyIdOf(dir), await keyIdOf(elsewhere)];
    const message = `checkpoint 5 is signed with key ${ours}, which is not among the keys given (${theirs})`;

    const theirKeys = join(elsewhere, 'their-keys.json');
    writeFileSync(theirKeys, (await audit(elsewhere, 'keys')).out);
    const given = await audit(dir, 'verify', '--public-key', theirKeys);
    expect(given.code).toBe(1);
    expect(json(given.out)).toEqual({ ok: false, firstBroken: 5, reason: 'unknown_key', message });
    expect(given.err).toContain(`mosaic audit verify: ${message}: the log cannot be vouched for with --public-key ${theirKeys}`);
    expect(given.err).not.toContain('broken');

    // the other store's key file in this store's folder
    writeFileSync(join(dir, AUDIT_KEY_FILE), readFileSync(join(elsewhere, AUDIT_KEY_FILE)));
    const copied = await audit(dir, 'verify');
    expect(copied.code).toBe(1);
    expect(json(copied.out)).toMatchObject({ reason: 'unknown_key', message });
    expect(copied.err).toContain(`the log cannot be vouched for with the key file in ${dir}`);
  });
});

describe('the reason and reference of a change to the log', () => {
  it('refuses prune, a retention change and rotate-key without --purpose and --case, changing nothing', async () => {
    const dir = await folderWithLog(['2020-03-01', '2021-03-01']);
    const before = await logOf(dir);
    const key = readFileSync(join(dir, AUDIT_KEY_FILE), 'utf8');
    for (const argv of [['prune', '--before', '2021-01-01'], ['retention', '--years', '1'], ['retention', '--keep-all'], ['rotate-key']]) {
      for (const partial of [[], ['--purpose', 'housekeeping'], ['--case', 'CHG-1'], ['--purpose', ' ', '--case', 'CHG-1']]) {
        await expect(audit(dir, ...argv, ...partial), argv.join(' ')).rejects.toThrow(`audit ${argv[0]}: --purpose P and --case C are required`);
      }
    }
    await expect(audit(dir, 'prune', '--before', '2021-01-01', '--purpose', 'house\u001bkeeping', '--case', 'CHG-1')).rejects.toThrow('audit prune: --purpose: control characters are not allowed');
    expect(await logOf(dir)).toEqual(before);
    expect(readFileSync(join(dir, AUDIT_KEY_FILE), 'utf8')).toBe(key);
    // showing the period changes nothing and logs nothing: it takes neither
    expect(json((await audit(dir, 'retention')).out)).toEqual({ retention: null });
  });

  it('logs each change with the purpose and case given, not a made-up one', async () => {
    const dir = await folderWithLog(['2020-03-01', '2021-03-01']);
    expect((await audit(dir, 'retention', '--years', '1', '--purpose', 'retention policy of 2026', '--case', 'DPO-2026-3')).code).toBe(0);
    expect((await audit(dir, 'prune', '--purpose', 'yearly prune', '--case', 'CHG-2026-12')).code).toBe(0);
    expect((await audit(dir, 'rotate-key', '--purpose', 'key custodian left', '--case', 'SEC-2026-9')).code).toBe(0);
    const made = (await logOf(dir)).map((e) => [e.reason, e.actor.user, e.purpose, e.caseRef]);
    expect(made).toEqual([
      ['audit retention set', 'system:cli', 'retention policy of 2026', 'DPO-2026-3'],
      ['audit log pruned', 'system:cli', 'yearly prune', 'CHG-2026-12'],
      [expect.any(String), 'system:cli', 'key custodian left', 'SEC-2026-9'],
    ]);
  });
});

describe('mosaic audit verify with a witness', () => {
  it('prints the last checkpoint to keep, and with --expect fails when the tail was deleted with the checkpoints over it', async () => {
    const dir = await folderWithLog(['2026-03-01'], 12);
    const checked = await audit(dir, 'verify', '--sealed');
    expect(checked.code).toBe(0);
    const { witness } = json(checked.out) as { witness: string };
    const checkpoints = new DatabaseSync(join(dir, SQLITE_FILE_NAME));
    const seqs = (checkpoints.prepare('select seq from audit_checkpoints order by seq').all() as { seq: number }[]).map((c) => c.seq);
    const lastHash = (checkpoints.prepare('select hash from audit_entries where seq = ?').get(seqs.at(-1)!) as { hash: string }).hash;
    expect(witness).toBe(`${seqs.at(-1)!}:${lastHash}`);
    expect(checked.err).toContain(`keep ${witness} (the last checkpoint) outside this machine`);
    expect((await audit(dir, 'verify', '--sealed', '--expect', witness)).code).toBe(0);

    // the store stopped, its tail deleted from after the last-but-one checkpoint, with the checkpoints after it
    const kept = seqs.at(-2)!;
    checkpoints.exec(`delete from audit_entries where seq > ${kept}; delete from audit_checkpoints where seq > ${kept}`);
    checkpoints.close();
    expect(json((await audit(dir, 'verify', '--sealed')).out)).toMatchObject({ ok: true });
    const caught = await audit(dir, 'verify', '--sealed', '--expect', witness);
    expect(caught.code).toBe(1);
    expect(json(caught.out)).toEqual({
      ok: false, firstBroken: kept + 1, reason: 'truncated',
      message: `the log ends at entry ${kept}, but the witness given says it reached entry ${seqs.at(-1)!}: entries ${kept + 1} to ${seqs.at(-1)!} are missing`,
    });
    expect(caught.err).toContain(`the chain is broken at entry ${kept + 1}`);
    await expect(audit(dir, 'verify', '--expect', '12')).rejects.toThrow('audit verify --expect: "12" is not SEQ:HASH');
  });

  it('says of a witness at the cut of a pruned log whose hash differs that the log before the cut was rewritten, not after it', async () => {
    const dir = await folderWithLog(['2020-03-01', '2021-03-01']);
    expect((await audit(dir, 'prune', '--before', '2021-01-01', ...WHY)).code).toBe(0);
    const wrong = await audit(dir, 'verify', '--expect', `6:${'b'.repeat(64)}`);
    expect(wrong.code).toBe(1);
    expect(json(wrong.out)).toEqual({
      ok: false, firstBroken: 7, reason: 'witness_mismatch',
      message: 'the log was pruned through entry 6, and its signed cut is over another entry 6 than the one witnessed (its hash differs): the log was rewritten up to entry 6 before it was pruned, or the witness is not of this log',
    });
  });
});

describe('the options of an audit subcommand', () => {
  it('refuses one its subcommand does not take, rather than ignore it, before anything is done', async () => {
    const dir = await folderWithLog(['2020-03-01']);
    const before = await logOf(dir);
    await expect(audit(dir, 'verify', '--before', 'x')).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: 'audit verify: --before is not an option of audit verify (it takes --public-key, --sealed, --expect)' });
    await expect(audit(dir, 'prune', '--days', '30', '--before', '2020-06-01', ...WHY)).rejects.toThrow('audit prune: --days is not an option of audit prune');
    await expect(audit(dir, 'keys', '--sealed')).rejects.toThrow('audit keys: --sealed is not an option of audit keys');
    await expect(audit(dir, 'rotate-key', '--keep-all', ...WHY)).rejects.toThrow('audit rotate-key: --keep-all is not an option of audit rotate-key');
    expect(await logOf(dir)).toEqual(before);
  });
});

describe('the options of a refused change to the log', () => {
  it('names --before and the retention period\'s limit', async () => {
    const dir = await folderWithLog(['2020-03-01', '2021-03-01']);
    expect((await audit(dir, 'retention', '--years', '1', '--end-of-year', ...WHY)).code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    await expect(audit(dir, 'prune', '--before', today, ...WHY)).rejects.toThrow(new RegExp(`^audit prune: --before "${today}": ${today}T00:00:00.000Z is after .*, the retention period's cut: the entries made since are kept; nothing is pruned$`));
    for (const years of ['101', '99999999']) {
      await expect(audit(dir, 'retention', '--years', years, ...WHY), years).rejects.toThrow('audit retention: --years, --months and --days: the period is longer than 100 years, the longest it may be');
    }
    await expect(audit(dir, 'retention', '--days', '0', ...WHY)).rejects.toThrow('audit retention: --years, --months and --days: a period of zero would delete the log');
  });
});
