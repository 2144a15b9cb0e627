import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';

/**
 * Where one-time codes and notices go. The default sender writes to the outbox table, which an
 * administrator reads in the console (no SMS gateway here). A real gateway implements the same
 * interface: record the message in the transaction, deliver it after commit.
 */
export type OutgoingMessage = { districtId: string; recipient: string; purpose: 'login_code' | 'notice'; body: string; at: Date };

export type MessageSender = {
  name: string;
  send(tx: Db, message: OutgoingMessage): Promise<void>;
};

export const outboxSender: MessageSender = {
  name: 'outbox',
  async send(tx, message) {
    await tx
      .insertInto('message_outbox')
      .values({ district_id: message.districtId, id: crypto.randomUUID(), at: message.at, channel: 'sms', recipient: message.recipient, purpose: message.purpose, body: message.body })
      .execute();
  },
};
