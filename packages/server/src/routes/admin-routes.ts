/**
 * Administration under /admin: agencies, desks, users, need-to-know groups, sharing agreements,
 * retention rules and the audit log's retention period. Authorisation is the policy's (service/admin); every change carries a
 * purpose and a change reference (X-Mosaic-Purpose / X-Mosaic-Case) and is audited.
 */
import { AgencyId, CLASSIFICATION, DeskId, HANDLING, SUBJECT_CATEGORY, TLP, UserId } from '@mosaic/model';
import { AgreementId, ROLES, SHARING_EFFECTS, type SharingAgreement } from '@mosaic/policy';
import {
  configureWebhook, createAgency, putAuditRetention, readAuditRetention, createDesk, createUser, deleteAgreement, listGroups, listOrganisation, listUsers, putAgreement, putGroup, putRetentionRules,
  resetPassword, retentionRulesOf, setGroupMembers, setUserDisabled, updateAgency, updateDesk, updateUser, redeliverWebhooks, webhookStatusOf, type AdminRequest,
} from '@mosaic/service';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePurpose, requireUser } from '../request-context.ts';
import { PurposeHeaders } from './views.ts';

const Id = z.string().min(1).max(100);
const AgencyOut = z.object({ id: z.string(), name: z.string(), country: z.string(), contactDesk: z.string(), oversight: z.boolean().optional() });
const DeskOut = z.object({ id: z.string(), agency: z.string(), name: z.string(), contact: z.string() });
const Conditions = z.object({
  tlp: z.array(z.enum(TLP)).max(TLP.length), maxClassification: z.enum(CLASSIFICATION),
  handling: z.array(z.enum(HANDLING)).max(HANDLING.length), categories: z.array(z.enum(SUBJECT_CATEGORY)).max(SUBJECT_CATEGORY.length),
});
const AgreementBody = z.object({
  owner: Id, recipient: Id, conditions: Conditions, effect: z.enum(SHARING_EFFECTS),
  notifyOwnerOnConsult: z.boolean().default(false), notifyOwnerOnEncounter: z.boolean().default(false), contactDesk: Id.optional(),
});
const AgreementOut = AgreementBody.extend({ id: z.string() });
const ListedAgreementOut = AgreementOut.extend({ withdrawable: z.boolean().describe('Whether you may withdraw it (DELETE /admin/agreements/{id}): a system administrator, or a data administrator of its owner; never its recipient') });
const UserOut = z.object({ id: z.string(), name: z.string(), agency: z.string(), desk: z.string(), roles: z.array(z.string()).readonly(), clearance: z.string(), groups: z.array(z.string()).readonly(), disabled: z.boolean() });
const ListedUserOut = UserOut.extend({
  administrable: z.boolean().describe('Whether you may change the account (PATCH, password, disable, enable) and add the user to a group'),
  notAdministrable: z.enum(['sysadmin', 'auditor', 'clearance']).optional().describe('Why not, when not: the user is a system administrator or an auditor (a system administrator\'s to administer), or is cleared above you'),
});
const GroupOut = z.object({ id: z.string(), agency: z.string(), name: z.string(), description: z.string(), members: z.array(z.string()).readonly() });
const Period = z.object({ years: z.number().int().min(0).optional(), months: z.number().int().min(0).optional(), days: z.number().int().min(0).optional() });
const RulesOut = z.record(z.string(), Period);
const AuditRetentionOut = z.object({ years: z.number(), months: z.number(), days: z.number(), endOfYear: z.boolean() }).nullable();
const Ok = z.object({ ok: z.literal(true) });

async function adminRequest(request: FastifyRequest): Promise<AdminRequest> {
  const user = await requireUser(request);
  return { user, ...requirePurpose(undefined, request) };
}

/** A notification given up on after its last retry (ids, kind and times only). */
const UndeliveredOut = z.object({
  notification: z.string(), kind: z.string(), attempts: z.number().int(), firstAt: z.string(), lastAt: z.string(),
  failure: z.string().describe('Why the last attempt failed: HTTP <status>, timed out, no connection or target not allowed (the webhook\'s address, or one its name resolved to, is one no webhook may go to)'),
});

function agreementOf(id: string, body: z.infer<typeof AgreementBody>): SharingAgreement {
  return {
    id: AgreementId(id), owner: AgencyId(body.owner), recipient: body.recipient === 'ALL' ? 'ALL' : AgencyId(body.recipient),
    conditions: { tlp: body.conditions.tlp, maxClassification: body.conditions.maxClassification, handling: body.conditions.handling, categories: body.conditions.categories },
    effect: body.effect, notifyOwnerOnConsult: body.notifyOwnerOnConsult, notifyOwnerOnEncounter: body.notifyOwnerOnEncounter,
    ...(body.contactDesk ? { contactDesk: DeskId(body.contactDesk) } : {}),
  };
}

export async function adminRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  app.get('/admin/webhook', {
    schema: { tags, summary: 'Where your agency\'s notifications are pushed (signed webhook; the secret is never shown), how many failed deliveries are being tried again, and those given up on',
      response: { 200: z.object({ url: z.string().nullable(), pending: z.number().int(), undelivered: z.array(UndeliveredOut).readonly() }) } },
  }, async (request) => webhookStatusOf(api.mosaic, { user: await requireUser(request) }));

  app.post('/admin/webhook/redeliver', {
    schema: { tags, summary: 'Try every undelivered notification again, from now (once the receiver is mended)', headers: PurposeHeaders,
      response: { 200: z.object({ queued: z.number().int() }) } },
  }, async (request) => redeliverWebhooks(api.mosaic, await adminRequest(request)));

  app.put('/admin/webhook', {
    schema: { tags, summary: 'Set your agency\'s webhook: notifications (alert hits with the encounter report, deconfliction) are POSTed to it, signed with HMAC-SHA256 (X-Mosaic-Signature)', headers: PurposeHeaders,
      body: z.object({ url: z.string().max(2000), secret: z.string().max(500).describe('At least 16 characters; shared with the receiver only') }),
      response: { 200: z.object({ url: z.string().nullable() }) } },
  }, async (request) => configureWebhook(api.mosaic, await adminRequest(request), request.body));

  app.delete('/admin/webhook', {
    schema: { tags, summary: 'Stop pushing your agency\'s notifications', headers: PurposeHeaders, response: { 200: z.object({ url: z.null() }) } },
  }, async (request) => ({ url: (await configureWebhook(api.mosaic, await adminRequest(request), null)).url as null }));

  app.get('/admin/organisation', {
    schema: { tags, summary: 'Agencies, desks, and the agreements you may see (all for a system administrator; yours otherwise)',
      response: { 200: z.object({ agencies: z.array(AgencyOut).readonly(), desks: z.array(DeskOut).readonly(), agreements: z.array(ListedAgreementOut).readonly() }) } },
  }, async (request) => {
    const user = await requireUser(request);
    const org = await listOrganisation(api.mosaic, { user });
    return { agencies: org.agencies.map((a) => ({ ...a })), desks: org.desks.map((d) => ({ ...d })), agreements: org.agreements.map((a) => ({ ...a, conditions: { ...a.conditions, tlp: [...a.conditions.tlp], handling: [...a.conditions.handling], categories: [...a.conditions.categories] } })) };
  });

  app.post('/admin/agencies', {
    schema: { tags, summary: 'Create an agency with its 24/7 contact desk (system administrator)', headers: PurposeHeaders,
      body: z.object({ id: Id, name: z.string().max(200), country: z.string(), oversight: z.boolean().optional(), contactDesk: z.object({ id: Id, name: z.string().max(200), contact: z.string().max(200) }) }),
      response: { 201: AgencyOut } },
  }, async (request, reply) => reply.status(201).send({ ...(await createAgency(api.mosaic, await adminRequest(request), request.body)) }));

  app.patch('/admin/agencies/:id', {
    schema: { tags, summary: 'Rename an agency, change its country, contact desk or oversight flag (system administrator)', headers: PurposeHeaders, params: z.object({ id: Id }),
      body: z.object({ name: z.string().max(200).optional(), country: z.string().optional(), oversight: z.boolean().optional(), contactDesk: Id.optional() }), response: { 200: AgencyOut } },
  }, async (request) => {
    const b = request.body;
    return { ...(await updateAgency(api.mosaic, await adminRequest(request), AgencyId(request.params.id), {
      ...(b.name !== undefined ? { name: b.name } : {}), ...(b.country !== undefined ? { country: b.country } : {}), ...(b.oversight !== undefined ? { oversight: b.oversight } : {}), ...(b.contactDesk !== undefined ? { contactDesk: b.contactDesk } : {}),
    })) };
  });

  app.post('/admin/desks', {
    schema: { tags, summary: 'Create a desk (unit) with its 24/7 contact (agency data administrator)', headers: PurposeHeaders,
      body: z.object({ id: Id, agency: Id, name: z.string().max(200), contact: z.string().max(200) }), response: { 201: DeskOut } },
  }, async (request, reply) => reply.status(201).send({ ...(await createDesk(api.mosaic, await adminRequest(request), request.body)) }));

  app.patch('/admin/desks/:id', {
    schema: { tags, summary: 'Rename a desk or change its contact', headers: PurposeHeaders, params: z.object({ id: Id }),
      body: z.object({ name: z.string().max(200).optional(), contact: z.string().max(200).optional() }), response: { 200: DeskOut } },
  }, async (request) => {
    const b = request.body;
    return { ...(await updateDesk(api.mosaic, await adminRequest(request), DeskId(request.params.id), { ...(b.name !== undefined ? { name: b.name } : {}), ...(b.contact !== undefined ? { contact: b.contact } : {}) })) };
  });

  app.get('/admin/users', {
    schema: { tags, summary: 'Users of your agency (all for a system administrator), each with whether you may administer them; never password hashes', response: { 200: z.object({ users: z.array(ListedUserOut).readonly() }) } },
  }, async (request) => ({ users: (await listUsers(api.mosaic, { user: await requireUser(request) })).map((u) => ({ ...u })) }));

  app.post('/admin/users', {
    schema: { tags, summary: 'Create a user (agency data administrator for their agency; system administrator). Its id is `<agency>.<name>`, or the name as given when it starts with `<agency>.` already (never prefixed twice)', headers: PurposeHeaders,
      body: z.object({ name: z.string().max(64), agency: Id, desk: Id, roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length), clearance: z.enum(CLASSIFICATION), groups: z.array(Id).max(100).optional(), password: z.string().max(200) }),
      response: { 201: UserOut } },
  }, async (request, reply) => reply.status(201).send({ ...(await createUser(api.mosaic, await adminRequest(request), request.body)) }));

  app.patch('/admin/users/:id', {
    schema: { tags, summary: 'Change a user\'s desk, roles, clearance or groups', headers: PurposeHeaders, params: z.object({ id: Id }),
      body: z.object({ desk: Id.optional(), roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(), clearance: z.enum(CLASSIFICATION).optional(), groups: z.array(Id).max(100).optional() }),
      response: { 200: UserOut } },
  }, async (request) => {
    const b = request.body;
    return { ...(await updateUser(api.mosaic, await adminRequest(request), UserId(request.params.id), {
      ...(b.desk !== undefined ? { desk: b.desk } : {}), ...(b.roles !== undefined ? { roles: b.roles } : {}), ...(b.clearance !== undefined ? { clearance: b.clearance } : {}), ...(b.groups !== undefined ? { groups: b.groups } : {}),
    })) };
  });

  app.post('/admin/users/:id/password', {
    schema: { tags, summary: 'Reset a user\'s password (their sessions end, and their count of failed sign-ins: a user locked out signs in with the new one at once)', headers: PurposeHeaders, params: z.object({ id: Id }), body: z.object({ password: z.string().max(200) }), response: { 200: Ok } },
  }, async (request) => {
    await resetPassword(api.mosaic, await adminRequest(request), UserId(request.params.id), request.body.password);
    return { ok: true as const };
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/users/:id/${path}`, {
      schema: { tags, summary: disabled ? 'Disable a user: no sign-in, sessions end at once' : 'Enable a disabled user again', headers: PurposeHeaders, params: z.object({ id: Id }), response: { 200: UserOut } },
    }, async (request) => ({ ...(await setUserDisabled(api.mosaic, await adminRequest(request), UserId(request.params.id), disabled)) }));
  }

  app.get('/admin/groups', {
    schema: { tags, summary: 'Need-to-know groups (case teams) of your agency and those you belong to', response: { 200: z.object({ groups: z.array(GroupOut).readonly() }) } },
  }, async (request) => ({ groups: (await listGroups(api.mosaic, { user: await requireUser(request) })).map((g) => ({ ...g })) }));

  app.put('/admin/groups/:id', {
    schema: { tags, summary: 'Create or rename a need-to-know group of your agency', headers: PurposeHeaders, params: z.object({ id: Id }),
      body: z.object({ name: z.string().max(200), description: z.string().max(1000).optional() }), response: { 200: GroupOut.omit({ members: true }) } },
  }, async (request) => ({ ...(await putGroup(api.mosaic, await adminRequest(request), { id: request.params.id, ...request.body })) }));

  app.put('/admin/groups/:id/members', {
    schema: { tags, summary: 'Set a group\'s members (user ids, any agency: a joint team; no auditor, system administrator or user cleared above you is added)', headers: PurposeHeaders, params: z.object({ id: Id }),
      body: z.object({ users: z.array(Id).max(1000) }), response: { 200: z.object({ members: z.array(z.string()).readonly() }) } },
  }, async (request) => ({ members: await setGroupMembers(api.mosaic, await adminRequest(request), request.params.id, request.body.users) }));

  app.put('/admin/agreements/:id', {
    schema: { tags, summary: 'Create or replace a sharing agreement (system administrator; an agency data administrator for its own)', headers: PurposeHeaders, params: z.object({ id: Id }),
      body: AgreementBody, response: { 200: AgreementOut } },
  }, async (request) => {
    const agreement = await putAgreement(api.mosaic, await adminRequest(request), agreementOf(request.params.id, request.body));
    return { ...agreement, conditions: { ...agreement.conditions, tlp: [...agreement.conditions.tlp], handling: [...agreement.conditions.handling], categories: [...agreement.conditions.categories] } };
  });

  app.delete('/admin/agreements/:id', {
    schema: { tags, summary: 'Withdraw a sharing agreement', headers: PurposeHeaders, params: z.object({ id: Id }), response: { 200: Ok } },
  }, async (request) => {
    await deleteAgreement(api.mosaic, await adminRequest(request), request.params.id);
    return { ok: true as const };
  });

  app.get('/admin/retention/rules', {
    schema: { tags, summary: 'Your agency\'s review period per data-subject category, and how long its checks and notifications are kept', response: { 200: z.object({ agency: z.string(), rules: RulesOut }) } },
  }, async (request) => {
    const user = await requireUser(request);
    return { agency: user.agency, rules: { ...(await retentionRulesOf(api.mosaic, user.agency)) } };
  });

  app.get('/admin/audit/retention', {
    schema: { tags, summary: 'How long the audit log is kept (system administrator, auditors); null: the whole log is kept', response: { 200: z.object({ retention: AuditRetentionOut }) } },
  }, async (request) => {
    const retention = await readAuditRetention(api.mosaic, { user: await requireUser(request) });
    return { retention: retention === null ? null : { ...retention } };
  });

  app.put('/admin/audit/retention', {
    schema: { tags, summary: 'Set how long the audit log is kept (system administrator): entries past it are pruned behind a signed cut by the retention sweep and `mosaic audit prune`; null keeps the whole log', headers: PurposeHeaders,
      body: z.object({ retention: Period.extend({ endOfYear: z.boolean().optional().describe('Keep each entry to the end of the year in which its period ends (BDSG §76(4): {years: 1, endOfYear: true})') }).nullable() }),
      response: { 200: z.object({ retention: AuditRetentionOut }) } },
  }, async (request) => {
    const retention = await putAuditRetention(api.mosaic, await adminRequest(request), request.body.retention);
    return { retention: retention === null ? null : { ...retention } };
  });

  app.put('/admin/retention/rules', {
    schema: { tags, summary: 'Set your agency\'s review periods (agency data administrator); applies to records collected from now on, and the checks and notifications periods at the next sweep', headers: PurposeHeaders,
      body: z.object({ rules: z.record(z.string(), Period) }), response: { 200: z.object({ agency: z.string(), rules: RulesOut }) } },
  }, async (request) => {
    const admin = await adminRequest(request);
    return { agency: admin.user.agency, rules: { ...(await putRetentionRules(api.mosaic, admin, request.body.rules)) } };
  });
}
