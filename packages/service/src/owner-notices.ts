/**
 * The deconfliction notices a consultation owes the owners whose agreements ask for them
 * (notifyOwnerOnConsult, notifyOwnerOnEncounter), told once a day: an owner is told once per UTC
 * day of the same requesting user (and desk) consulting the same set of its records, for the same
 * kind of notice. Reading a list, a report or a search again, paging, opening an inbox that reads
 * an alert's subject: each is still a consultation in the audit log, but the owner's inbox is not
 * filled with one notice for each. A set that differs, a superset too, is told anew, as is the same
 * set the next day or by another user. The notice names no purpose or case (they stay with the
 * requester's agency), so they are no part of what makes it the same.
 *
 * The notice's id is made from those parts and the day, and storing it is the claim to tell it:
 * the node that stores it first publishes it (the stream, here and over the bus, and the owner's
 * webhook hear it once), and a node that finds it stored tells nothing, whether it is the same
 * node later, one restarted since, or another node of the store.
 */
import type { DeconflictionNotice } from '@mosaic/policy';
import { notificationId, type Notification } from './notifier.ts';
import type { Mosaic } from './runtime.ts';
import { notificationDocument } from './screening/notification-inbox.ts';

const TITLES: Readonly<Record<DeconflictionNotice['kind'], string>> = {
  consult: 'Another agency consulted your records',
  encounter: 'Another agency encountered your subject',
};

/** The notification that tells `notice` on the UTC day of `at`, its id the same for every consultation it stands for. */
export function ownerNotification(notice: DeconflictionNotice, at: string): Notification {
  const { owner, kind, records, requester } = notice;
  return {
    id: notificationId('deconfliction', kind, owner, requester.agency, requester.user, requester.desk ?? '', at.slice(0, 10), ...records),
    at, to: { agency: owner }, kind: `deconfliction.${kind}`, title: TITLES[kind],
    body: { records, requester },
  };
}

/** Tells each owner its notice, unless it was told already today (see above). */
export async function tellOwners(mosaic: Mosaic, notices: readonly DeconflictionNotice[]): Promise<void> {
  const at = mosaic.now().toISOString();
  for (const notice of notices) {
    const notification = ownerNotification(notice, at);
    // heard in this process (told here, or by another node over the bus): told already
    if (mosaic.notifier.heard(notification.id)) continue;
    // The notice names records by id only, showing none's content: it has no mention of a record
    // to keep beside it for an erasure to find (notificationDocuments).
    // A store that cannot take the claim now does not keep the owner from being told: the notice
    // goes out unstored and the keeper stores it (told twice, rather than not at all).
    const claimed = await mosaic.store.createDocument(notificationDocument(notification)).catch(() => undefined);
    if (claimed === false) continue;
    mosaic.notifier.publish(notification, { stored: claimed === true });
  }
}
