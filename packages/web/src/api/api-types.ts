/**
 * The shapes the web app reads from the API (docs/API.md). Where the contract does not yet fix a
 * shape (entities, graph, screening, review, admin, ingest) these are the shapes the app assumes;
 * the domain types of @mosaic/graph, @mosaic/screening and @mosaic/resolution are their model.
 */
export const ROLES = ['analyst', 'officer', 'checkpoint_officer', 'auditor', 'agency_admin', 'sysadmin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly id: string;
  readonly name: string;
  readonly agency: string;
  readonly desk: string;
  readonly roles: readonly string[];
  readonly clearance: string;
  readonly groups: readonly string[];
}

export interface Purpose {
  readonly purpose: string;
  readonly caseRef: string;
}

export interface Marking {
  readonly tlp: string;
  readonly classification: string;
  readonly releasability: readonly string[];
}

export interface Provenance {
  readonly agency: string;
  readonly source: string;
  readonly sourceRecordId?: string;
  readonly reliability: string;
  readonly credibility: number;
  readonly marking: Marking;
  readonly handling?: string;
  readonly category: string;
  readonly nature: string;
  readonly legalBasis?: string;
  readonly reviewDate: string;
}

export interface RecordView {
  readonly id: string;
  readonly schema: string;
  readonly caption: string;
  readonly properties: Readonly<Record<string, readonly string[]>>;
  readonly provenance: Provenance;
  readonly version: number;
  readonly updatedAt: string;
}

export interface Desk {
  readonly id: string;
  readonly name: string;
  readonly contact: string;
}

export interface Pointer {
  readonly agency: string;
  readonly agencyName: string;
  readonly message: string;
  readonly desk: Desk | null;
}

/** Which of a result's names matched the query best, how (the matcher's name level) and how closely (0–1). */
export interface NameMatch {
  readonly name: string;
  readonly level: string;
  readonly score: number;
  /** The words of `name` the matcher aligned with the query: [start, end) offsets in UTF-16 code units, in order. */
  readonly marks: readonly (readonly [number, number])[];
}

/** The resolved subject of a result when other results are the same subject: they follow its best result (`lead`). */
export interface SubjectRef {
  readonly entity: string;
  readonly lead: string;
}

/** The query read as an identifier the record holds. */
export interface IdentifierMatch {
  readonly kind: 'document' | 'plate' | 'phone';
  readonly how: 'exact' | 'confusable';
}

export interface SearchResponse {
  /** Best match first; `matched` is absent for a record found by a word of the query or an identifier that has no name the matcher compares. */
  readonly results: readonly (RecordView & { readonly matched?: NameMatch; readonly identifier?: IdentifierMatch; readonly subject?: SubjectRef; readonly born?: string })[];
  readonly pointers: readonly Pointer[];
  /** More records may match than `results` holds. */
  readonly truncated: boolean;
  /** The query's words as the full text looks them up (folded, whole words), particles and titles left out unless the query is nothing else: names besides `matched.name` are marked by them. */
  readonly words: readonly string[];
}

export interface RecordResponse {
  readonly record?: RecordView;
  readonly pointer?: Pointer;
}

export interface RecordVersion {
  readonly version: number;
  readonly op: string;
  readonly actor: string;
  readonly at: string;
  readonly reason?: string;
  /** Its content was under a marking the reader may not read. */
  readonly withheld?: boolean;
}

/** One value of a merged profile with the claim it comes from (assumed shape of GET /entities/:id). */
export interface ClaimedValue {
  readonly value: string;
  readonly record: string;
  readonly provenance: Provenance;
}

/** An alert as its agency manages it (GET /alerts), or as it stands on a subject (entity profile, with `agency`). */
export interface AlertSummary {
  readonly id: string;
  readonly subject: string;
  readonly category: string;
  readonly action: string;
  readonly instruction: string;
  /** The owner desk's id and its 24/7 contact. */
  readonly desk: string;
  readonly deskContact: string;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly instructions?: string;
  readonly status: 'active' | 'not_yet_valid' | 'expired' | 'withdrawn';
  readonly reviewDate: string;
  /** The owner agency (on a subject's profile). */
  readonly agency?: string;
  /** The subject's name (the agency's list, GET /alerts), where the server read the subject for the reader. */
  readonly caption?: string;
}

/** An entity or record one step away in the network, and how it is tied to the subject. */
export interface RelatedEntity {
  readonly id: string;
  readonly caption: string;
  readonly schema?: string;
  readonly relation: string;
}

export interface EntityProfile {
  readonly id: string;
  /** The id asked for, when a merge absorbed it into this entity (`id`). */
  readonly redirectedFrom?: string;
  /** The id asked for was split since, into these parts the user may read: the answer holds nothing else. */
  readonly split?: readonly string[];
  readonly schema: string;
  readonly caption: string;
  readonly properties: Readonly<Record<string, readonly ClaimedValue[]>>;
  readonly records: readonly RecordView[];
  readonly pointers: readonly Pointer[];
  readonly alerts: readonly AlertSummary[];
}

export interface TimelineEvent {
  readonly id: string;
  readonly date: string;
  readonly end?: string;
  readonly kind: string;
  /** Where it happened, as the record names the place. */
  readonly place?: string;
  readonly summary?: string;
  /** A journey's: the countries it left and went to, by name, and how it was made. */
  readonly route?: { readonly from?: string; readonly to?: string; readonly by?: string };
  readonly provenance: readonly string[];
}

/** A chart saved to a case: reopening it asks the network again, so it shows only what the reader may see. */
export interface ChartSummary {
  readonly id: string;
  readonly caseRef: string;
  readonly title: string;
  readonly author: string;
  readonly share: 'owner' | 'agency';
  readonly createdAt: string;
}

export interface Place {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly kind: string;
  readonly label?: string;
  readonly date?: string;
}

export interface GraphNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly target: string;
  /**
   * How the tie reads from its source: "brother" says the target is the source's brother, "owns"
   * that the source owns the target. graph/expand gives a seed's ties with the seed as source.
   */
  readonly label?: string;
  /** The source's role in the relation, e.g. "leader" for a membership. */
  readonly role?: string;
  readonly start?: string;
  readonly end?: string;
  readonly weight?: number;
  /** The records claiming the relation (`agency:id`), only those the user may read. */
  readonly provenance?: readonly string[];
}

export interface Subgraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly truncated?: boolean;
  /** Who holds records of the entities answered that the user may not read, where the owner lets them know (one per agency, as a profile's). */
  readonly pointers?: readonly Pointer[];
}

export interface Community {
  readonly id: number;
  readonly members: readonly string[];
}

export interface CentralityScore {
  readonly node: GraphNode;
  readonly score: number;
  readonly rank: number;
  /** The score in words, as the server gives it ("Directly tied to 2 of the 4 other entities…"). */
  readonly explanation?: string;
}

/** A centrality measure's answer: what it measures, and the scores, or why there are none (a measure that did not converge). */
export interface Centrality {
  readonly description: string;
  readonly scores: readonly CentralityScore[];
  readonly reason?: string;
  /** Who holds records of the entities scored that the user may not read, as Subgraph's. */
  readonly pointers: readonly Pointer[];
}

export interface ScreeningHit {
  readonly kind: 'match' | 'pointer';
  /** The hit's place among those shown, from 0; its index when absent. */
  readonly n?: number;
  /** The hit's reference, the same for every reader: a decision names the hit by it (POST /checks/:id/hits/:ref/decision), by n where absent. */
  readonly ref?: string;
  readonly id?: string;
  readonly subject?: string;
  readonly caption?: string;
  readonly score?: number;
  readonly band: string;
  /** Data-subject category and fact/assessment of the listed record (LED Arts. 6-7). */
  readonly category?: string;
  readonly nature?: string;
  /** The listed record's grading, source reliability A–F and information credibility 1–6 (LED Art. 7(2)). */
  readonly reliability?: string;
  readonly credibility?: number;
  readonly explain?: HitExplanation;
  readonly alerts?: readonly AlertHit[];
  readonly agency?: string;
  readonly agencyName?: string;
  /** A pointer's desk to call; null when the agency names none. */
  readonly desk?: { readonly name: string; readonly contact: string } | null;
  /** The hit (its n) whose listed record is the same resolved person, on records the officer may see. */
  readonly sameSubjectAs?: number;
  /** A match's listed name, dates of birth and nationalities, to compare with the person checked (never on a pointer). */
  readonly listed?: { readonly name?: string; readonly birthDates?: readonly string[]; readonly nationalities?: readonly string[] };
  /** The officer's decision: a match confirmed or rejected, a pointer's desk called. */
  readonly decision?: {
    readonly decision: HitDecision; readonly by: string; readonly at: string; readonly notes?: string;
    /** In the decision's answer only: the agencies told of it (an alert's owner, a pointer's agency); empty where no one was. */
    readonly told?: readonly string[];
  };
}

export type HitDecision = 'confirm' | 'reject' | 'called';

/** Why a hit matched: the listed name that matched best and how, and how each other fact compared. */
export interface HitExplanation {
  readonly name?: { readonly listed: string; readonly level: string };
  /** On a plain mismatch, the years one keystroke apart, if a pair is (checked, listed): possibly a typing slip. */
  readonly birthDate?: { readonly level: string; readonly slip?: { readonly query: number; readonly listed: number } };
  readonly nationality?: { readonly level: string };
  readonly gender?: { readonly level: string };
  readonly document?: string;
  readonly plate?: string;
  readonly phone?: string;
}

/** An alert in force on a hit, as the check answers it: the action, its words and whom to call. */
export interface AlertHit {
  readonly id: string;
  readonly category: string;
  readonly action: string;
  readonly instruction: string;
  /** The owner's own instructions (questions to ask, objects to look for). */
  readonly instructions?: string;
  readonly disclose: boolean;
  readonly owner: { readonly agency: string; readonly agencyName?: string; readonly desk: string; readonly contact: string };
}

export interface ScreenResponse {
  readonly check: { readonly id: string; readonly at?: string };
  readonly hits: readonly ScreeningHit[];
}

export interface CheckReport {
  readonly place?: string;
  readonly time?: string;
  readonly route?: string;
  readonly companions?: string;
  readonly vehicle?: string;
  readonly identityUsed?: string;
  readonly objects?: string;
  /** What the desk said, when a pointer's desk was called. */
  readonly notes?: string;
}

export interface Notification {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly title: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly read?: boolean;
}

export type WatchTarget =
  | { readonly kind: 'entity'; readonly record: string }
  | { readonly kind: 'search'; readonly query: string }
  | { readonly kind: 'area'; readonly polygon: readonly (readonly [number, number])[] };

export interface Subscription {
  readonly id: string;
  readonly label: string;
  readonly target: WatchTarget;
  readonly purpose: string;
  readonly caseRef: string;
  readonly createdAt: string;
  readonly lostTrackDays?: number;
  readonly lastSeenAt?: string;
  readonly warnedAt?: string;
  /** A subject watch's subject by its name, where the user may read it now (absent where they may no longer read it). */
  readonly subjectName?: string;
}

/** GET /subscriptions: the user's watches, and whether a new one of theirs would be taken (false for a role that reads no records). */
export interface Watches {
  readonly subscriptions: readonly Subscription[];
  readonly mayWatch: boolean;
}

/** One of the name's agreeing tokens: by position, with the words written there in each record. */
export interface ExplainedToken {
  readonly nameA: number;
  readonly nameB: number;
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly frequency: number;
  readonly weight: number;
  readonly wordsA?: readonly string[];
  readonly wordsB?: readonly string[];
}

export interface ReviewPair {
  readonly a: RecordView;
  readonly b: RecordView;
  readonly probability: number;
  /** Each feature's level and weight in bits (the compared values are the records'); the name's detail and tokens name the words that agreed. */
  readonly explain: readonly { readonly feature: string; readonly level: string; readonly weight: number; readonly detail?: string; readonly tokens?: readonly ExplainedToken[] }[];
  /** The base rate the weights start from: the probability that two of the store's records drawn at random are one person. */
  readonly prior: number;
  /** The id each side goes by for the reviewer (GET /records/:id/entity): the same when the two are one entity already. */
  readonly entityA?: string;
  readonly entityB?: string;
  /** The records the answer moves, among those the reviewer may read: with the probability, what places the pair in the queue. */
  readonly affected?: number;
}

/** GET /review: the best pairs, and how many wait for the reviewer in the whole queue (`more`: at least `left`). */
export interface ReviewQueue {
  readonly pairs: readonly ReviewPair[];
  readonly left: number;
  readonly more: boolean;
}

/** GET /entities/:id/merges: one automatic or judged merge of two entities. */
export interface Merge {
  readonly id: string;
  readonly at: string;
  readonly survivor: string;
  readonly absorbed: string;
  readonly probability: number;
  readonly kind: string;
  readonly undone: boolean;
  /** On a merge a judgement made: who made the "same" it follows, where known. */
  readonly by?: JudgedBy;
}

/** Who judged: the analyst to a reader of their own agency, else the agency alone; neither for an account no longer held. */
export interface JudgedBy {
  readonly user?: string;
  readonly agency?: string;
}

/** An analyst's verdict on a pair of records (POST /judgements, the server's VERDICTS). */
export type Verdict = 'same' | 'not_same' | 'unsure';

/** GET /entities/:id/judgements: who judged a pair of the entity's records, and how. */
export interface Judgement {
  readonly a: string;
  readonly b: string;
  readonly verdict: Verdict;
  readonly by: JudgedBy;
  readonly at: string;
  readonly note?: string;
}

/** An entity's merges or judgements; `split`: the id was split since, into these parts (as GET /entities/:id answers it). */
export interface EntityHistory<T> {
  readonly items: readonly T[];
  readonly split?: readonly string[];
}

export interface AuditEntry {
  readonly seq: number;
  readonly time: string;
  readonly actor: { readonly user: string; readonly agency: string };
  readonly action: string;
  readonly purpose: string | null;
  readonly caseRef: string | null;
  readonly query: unknown;
  readonly subjects: readonly string[];
  readonly records: readonly string[];
  readonly recipients: readonly string[];
  readonly pointers: readonly string[];
  /** The records behind the pointers shown, by agency: given to the owner's auditor (and oversight) alone; absent when none. */
  readonly pointed?: readonly { readonly agency: string; readonly records: readonly string[] }[];
  readonly outcome: string;
  readonly reason: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

/** An answer of GET /audit: newest first; `next`, where the server pages, the cursor (`before`) for the older entries. */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly next?: string | number | null;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries?: number;
  readonly prunedThrough?: number;
  /** `SEQ:HASH` of the last entry verified, for the auditor to keep outside Mosaic and verify with again; absent when the chain is broken. */
  readonly witness?: string;
  readonly firstBroken?: number;
  readonly reason?: string;
  readonly message?: string;
}

export interface IngestLineError {
  readonly line: number;
  /** The record a refused line names, as the line gives its id (as stored, agency:id, for one the store refused). */
  readonly id?: string;
  readonly field?: string;
  readonly reason: string;
  /** The last line the refusal takes with its own (a CSV quote never closed). */
  readonly through?: number;
}

export interface IngestJob {
  readonly id: string;
  readonly filename?: string;
  readonly state: string;
  readonly processed: number;
  readonly total?: number;
  readonly accepted?: number;
  readonly rejected?: number;
  /** How the accepted lines were written: new records, new versions, or records already stored as given. */
  readonly created?: number;
  readonly updated?: number;
  readonly unchanged?: number;
  readonly errors: readonly IngestLineError[];
  /** Lines that gave the record id of an earlier line (the later version stands), and the first of them. */
  readonly repeated?: number;
  readonly repeats?: readonly { readonly line: number; readonly of: number; readonly id: string }[];
  /** Once done: references of the lines written to records neither the file nor the store holds (that the user may read), and the first of them. */
  readonly warningCount?: number;
  readonly warnings?: readonly IngestLineError[];
  /** Once done: lines an earlier upload of the same file had written, skipped (counted in `processed` only). */
  readonly resumed?: number;
  readonly startedAt?: string;
  readonly endedAt?: string;
  /** Why a failed job stopped. */
  readonly failure?: string;
}

/** GET /ingest: the user's recent jobs, and the largest upload the server takes. */
export interface IngestUploads {
  readonly jobs: readonly IngestJob[];
  /** The largest body POST /ingest takes, in bytes as sent; absent from a server that does not say. */
  readonly maxUploadBytes?: number;
}

/** The actions GET /audit filters by, as the audit log has them (@mosaic/audit's AUDIT_ACTIONS; e2e/audit-search.test.ts keeps the two equal). */
export const AUDIT_ACTIONS = ['collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure', 'screening', 'export', 'administration', 'authentication'] as const;
export const EDGE_TYPES = [
  'family', 'associate', 'membership', 'ownership', 'directorship', 'employment', 'residence', 'communication', 'payment', 'co-travel',
  'shared-phone', 'shared-email', 'shared-address', 'shared-vehicle', 'shared-document', 'shared-account', 'co-sighting', 'co-travel-event', 'mention',
] as const;

/** Reports (docs/API.md, reports). */
export interface ReportMention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** How the record proposed for an extracted phone, e-mail, document or plate holds it. */
export interface IdentifierLink {
  readonly kind: 'document' | 'plate' | 'phone' | 'email';
  readonly how: 'exact' | 'confusable';
  /** The record's property holding it. */
  readonly property: string;
  /** The identifier as the record holds it. */
  readonly value: string;
  /** What confirming with it makes: the new record names the record as its holder, or the review keeps it as a lead. */
  readonly link: 'holder' | 'lead';
}

export interface LinkProposal {
  readonly record: string;
  readonly entity?: string;
  readonly schema: string;
  readonly caption: string;
  readonly agency: string;
  readonly score: number;
  readonly match: boolean;
  readonly explain: unknown;
  readonly identifier?: IdentifierLink;
  /** A person's: what tells candidates of one name apart. */
  readonly birthDate?: readonly string[];
  readonly nationality?: readonly string[];
}

export type ReviewStatus = 'proposed' | 'confirmed' | 'rejected';

export interface ReportEntity {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly mentions: readonly ReportMention[];
  readonly properties: Readonly<Record<string, readonly string[]>>;
  readonly status: ReviewStatus;
  readonly recordable: boolean;
  readonly record?: string;
  readonly entity?: string;
  readonly linkedTo?: string;
  /** What the link made: a same judgement, the holder named, or a lead kept in the review. */
  readonly linkedAs?: 'same' | 'holder' | 'lead';
  /** Confirmed, and the record it made erased since. */
  readonly recordErased?: true;
  /** Taken by a person's erasure (it named them): nothing is proposed for it, and it takes no decision. */
  readonly erased?: true;
  readonly proposals: readonly LinkProposal[];
}

export interface ReportRelation {
  readonly index: number;
  readonly type: string;
  readonly source: string;
  readonly target: string;
  readonly kind?: string;
  readonly evidence: { readonly sentence: string; readonly start: number; readonly end: number };
  readonly status: ReviewStatus;
  /** Whether the records have a form for it between its ends; one without stays in the text. */
  readonly recordable: boolean;
  readonly record?: string;
  /** Confirmed, and the record it made erased since. */
  readonly recordErased?: true;
  readonly note?: string;
}

export interface ReportDetail {
  readonly report: RecordView;
  readonly text: string;
  readonly reviewable: boolean;
  readonly entities: readonly ReportEntity[];
  readonly relations: readonly ReportRelation[];
  readonly pointers: readonly Pointer[];
  /** What extraction could not read ("text is mostly in Arabic script: …"); absent when nothing. */
  readonly warnings?: readonly string[];
}

export interface ReportUpload {
  readonly text?: string;
  readonly content?: string;
  readonly mediaType?: string;
  readonly fileName?: string;
  readonly title?: string;
  readonly collection: string;
  readonly provenance: Readonly<Record<string, unknown>>;
  /** ISO 3166 alpha-2 country the report comes from (the server's default: the uploading agency's). */
  readonly country?: string;
}

export interface ReportSearchResponse {
  readonly results: readonly { readonly report: RecordView; readonly snippet: string }[];
  readonly pointers: readonly Pointer[];
}
