/**
 * Every migration, in order. To add one: create `NNNN-what-it-does.ts` exporting a
 * `StoreMigration` (branch on `context.dialect` only where the databases differ) and list it
 * here under the same name. Names sort; never rename or edit one that has shipped.
 */
import type { StoreMigration } from './store-migration.ts';
import { recordsMigration } from './0001-records.ts';
import { usersSessionsMigration } from './0002-users-sessions.ts';
import { orgSettingsMigration } from './0003-org-settings.ts';
import { auditMigration } from './0004-audit.ts';
import { ingestBatchesMigration } from './0005-ingest-batches.ts';
import { documentsMigration } from './0006-documents.ts';
import { reportTextsMigration } from './0007-report-texts.ts';
import { userDisabledMigration } from './0008-user-disabled.ts';
import { reportTextsLatestMigration } from './0009-report-texts-latest.ts';
import { auditCutsMigration } from './0010-audit-cuts.ts';
import { recordsReviewDateMigration } from './0011-records-review-date.ts';
import { judgementNotesMigration } from './0012-judgement-notes.ts';
import { documentMentionsMigration } from './0013-document-mentions.ts';
import { recordLinksMigration } from './0014-record-links.ts';
import { documentVersionsMigration } from './0015-document-versions.ts';
import { reportTextVersionsMigration } from './0016-report-text-versions.ts';

export const MIGRATIONS: Readonly<Record<string, StoreMigration>> = {
  '0001-records': recordsMigration,
  '0002-users-sessions': usersSessionsMigration,
  '0003-org-settings': orgSettingsMigration,
  '0004-audit': auditMigration,
  '0005-ingest-batches': ingestBatchesMigration,
  '0006-documents': documentsMigration,
  '0007-report-texts': reportTextsMigration,
  '0008-user-disabled': userDisabledMigration,
  '0009-report-texts-latest': reportTextsLatestMigration,
  '0010-audit-cuts': auditCutsMigration,
  '0011-records-review-date': recordsReviewDateMigration,
  '0012-judgement-notes': judgementNotesMigration,
  '0013-document-mentions': documentMentionsMigration,
  '0014-record-links': recordLinksMigration,
  '0015-document-versions': documentVersionsMigration,
  '0016-report-text-versions': reportTextVersionsMigration,
};
