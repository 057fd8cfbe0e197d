export { parseConfig, type MosaicConfig, type RawConfig } from './config.ts';
export { openMosaic, type Mosaic, type OpenMosaicOptions } from './runtime.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { authenticate, createSessionCache, hashToken, signIn, signOut, type SessionCache, type SignedIn } from './sessions.ts';
export { createDocumentWriter, type DocumentWriter } from './document-writer.ts';
export { AUDIT_KEY_FILE, loadOrCreateAuditKeys } from './audit-keys-file.ts';
export { parseCsvMapping, type CsvMapping } from './ingest/csv-mapping.ts';
export { formatIngestError, ingest, type IngestError, type IngestProgress, type IngestSummary } from './ingest/ingest.ts';
export { fingerprintFile, ingestFile, storeSink, type IngestFileOptions } from './ingest/ingest-file.ts';
export { csvSource, jsonlSource } from './ingest/sources.ts';
export { createNotifier, isAddressedTo, type Listener, type Notification, type Notifier } from './notifier.ts';
export { loadOrganisation, policyContext, policyUser, saveOrganisation, type Consultation, type OrgSnapshot } from './organisation.ts';
export { consult, requirePurpose, type Consulted, type ConsultOptions } from './consult.ts';
export { captionOf, checkQuery, eraseRecord, readRecord, readRecordHistory, recordView, searchRecords, writeRecord, type RecordView, type SearchQuery, type SearchResult, type WriteOutcome } from './records.ts';
export { loadDemo, type DemoLoaded, type DemoOrgFile } from './demo-load.ts';
export { verifyAuditLog } from './audit-verify.ts';
export { searchAuditLog, type AuditSearch } from './audit-search.ts';
export { followChanges, type ChangeFollower, type Projection, type RecordChange } from './change-follower.ts';
export { createGraphProjection, type GraphEvent, type GraphLocated, type GraphProjection } from './graph/graph-projection.ts';
export { createEntityGraphView, type EntityGraphView } from './graph/entity-graph-view.ts';
export {
  aggregateEdges, GRAPH_LEVELS, graphCentrality, graphCommunities, graphConnectors, graphExpand, graphExport, graphInduced, graphPaths, graphPlaces, graphTimeline,
  type GraphFilters, type GraphLevel, type GraphSources, type MapPlace, type TimelineEvent,
} from './graph/graph-queries.ts';
export { CHART_KIND, CHART_SHARES, listCharts, openChart, saveChart, type ChartInput, type ChartSummary } from './graph/graph-charts.ts';
export { startProjections, type Projections } from './projections.ts';
export { createEntityProjection, type EntityProjection } from './resolution/entity-projection.ts';
export { judgePair, readEntity, reviewPairs, type EntityAnswer, type EntityValue, type EntityView, type ReviewPair } from './resolution/entity-view.ts';
export { storeResolutionStore } from './resolution/store-resolution-store.ts';
export { createScreeningProjection, alertFromRecord, type AlertRecord, type ScreeningProjection, type ScreeningProjectionOptions } from './screening/screening-projection.ts';
export { CHECK_KIND, CHECKPOINT_PURPOSE, readCheck, screenCheck, type AlertHitView, type CheckInput, type CheckRecord, type HitDecision, type HitView } from './screening/screen-check.ts';
export { decideHit, REPORT_REQUIRED, type EncounterReport, type HitDecisionInput } from './screening/decide-hit.ts';
export { alertSummary, createAlert, listAlerts, withdrawAlert, type AlertInput, type AlertSummary } from './screening/alerts.ts';
export { keepNotifications, listNotifications, markNotificationRead, NOTIFICATION_KIND, type InboxItem, type NotificationKeeper } from './screening/notification-inbox.ts';
export { deliverWebhook, setWebhook, signWebhookBody, verifyWebhookSignature, SIGNATURE_HEADER, WEBHOOK_KIND, type WebhookConfig, type WebhookOptions } from './screening/webhooks.ts';
export { MAX_REPORT_BYTES, reportText, uploadReport, type ReportInput, type UploadOutcome } from './reports/upload-report.ts';
export { readReport, searchReports, type ReportAnswer, type ReportEntityView, type ReportHit, type ReportRelationView, type ReportSearch, type ReportView } from './reports/read-report.ts';
export { confirmEntity, rejectEntity, type ConfirmInput, type ConfirmOutcome } from './reports/review-report.ts';
export { REPORT_REVIEW_KIND, REVIEW_STATUSES, type LinkProposal, type ReviewStatus } from './reports/report-review.ts';
