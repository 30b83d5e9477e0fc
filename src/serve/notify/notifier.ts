// Once per notification interval: read the transitions after each channel's cursor, group them per cluster,
// send one message per cluster and channel, and move the cursor in the send log only when the receiver took it.
// The log lives in the history database, so a restarted serve resumes where it stopped instead of resending.

import { createHash } from 'node:crypto';
import type { Severity } from '../../core/severity.ts';
import { type DeliveryOptions, deliver } from './deliver.ts';
import { slackPayload, teamsPayload, webhookPayload } from './formats.ts';
import { type ClusterNotification, groupTransitions, type Transition } from './message.ts';

export type ChannelKind = 'slack' | 'teams' | 'webhook';

export interface Channel {
  /** Unique name of the channel in the config ("team-slack"). */
  name: string;
  kind: ChannelKind;
  /** The endpoint; a secret read from a file or the environment, never from a flag. */
  url: string;
  /** webhook: the HMAC key, also from a file or the environment. */
  signingSecret?: string;
  threshold: Severity;
  resolved?: boolean;
}

export interface SendLogEntry {
  channel: string;
  cluster: string;
  key: string;
  lastEventId: number;
  failing: boolean;
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
  at: number;
}

/** The send log (a table of the history database: log.ts). */
export interface SendLog {
  /** The newest event id delivered on this channel, for every cluster (0 before the first). */
  cursor(channel: string): Promise<number>;
  /** Clusters whose failing scans were already announced on this channel (and not yet recovered). */
  failingAnnounced(channel: string): Promise<Set<string>>;
  record(entry: SendLogEntry): Promise<void>;
}

export interface NotifierInput {
  channels: readonly Channel[];
  log: SendLog;
  /** The history's transitions after an event id, oldest first (HistoryStore.transitions). */
  transitions(afterId: number): Promise<Transition[]>;
  /** Clusters whose last scan attempt failed, with the reason. */
  failing(): Promise<Map<string, string>>;
  dashboardUrl?: string;
  delivery?: DeliveryOptions;
  now?: () => number;
}

export interface RoundResult {
  sent: { channel: string; cluster: string; key: string; ok: boolean; attempts: number; error?: string }[];
}

/** One round over every channel. A failed delivery leaves the cursor where it was: the next round retries it. */
export async function notifyRound(input: NotifierInput): Promise<RoundResult> {
  const now = input.now ?? Date.now;
  const result: RoundResult = { sent: [] };
  const failingNow = await input.failing();
  for (const channel of input.channels) {
    const cursor = await input.log.cursor(channel.name);
    const transitions = await input.transitions(cursor);
    const announced = await input.log.failingAnnounced(channel.name);
    // Only the transition into failing is news; recovery clears the mark silently.
    const newlyFailing = new Map([...failingNow].filter(([cluster]) => !announced.has(cluster)));
    for (const cluster of announced)
      if (!failingNow.has(cluster))
        await input.log.record({
          channel: channel.name,
          cluster,
          key: `${cluster}:recovered`,
          lastEventId: cursor,
          failing: false,
          ok: true,
          attempts: 0,
          at: now(),
        });
    const messages = groupTransitions(transitions, newlyFailing, {
      threshold: channel.threshold,
      resolved: channel.resolved !== false,
    });
    const silentUpTo = transitions.length > 0 ? transitions[transitions.length - 1]!.id : cursor;
    for (const message of messages) {
      const outcome = await send(channel, message, input);
      result.sent.push({ channel: channel.name, cluster: message.cluster, key: message.key, ...outcome });
      await input.log.record({
        channel: channel.name,
        cluster: message.cluster,
        key: message.key,
        lastEventId: outcome.ok ? Math.max(message.lastEventId, cursor) : cursor,
        // Still failing and announced (now or before): stays marked, so the next round does not announce it again.
        failing:
          outcome.ok &&
          failingNow.has(message.cluster) &&
          (message.scanFailing !== undefined || announced.has(message.cluster)),
        ok: outcome.ok,
        attempts: outcome.attempts,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
        at: now(),
      });
      if (!outcome.ok) return result;
    }
    // Transitions below the threshold were read and need no message: move past them.
    if (silentUpTo > cursor && messages.every((m) => m.lastEventId <= silentUpTo))
      await input.log.record({
        channel: channel.name,
        cluster: '',
        key: `cursor:${silentUpTo}`,
        lastEventId: silentUpTo,
        failing: false,
        ok: true,
        attempts: 0,
        at: now(),
      });
  }
  return result;
}

async function send(channel: Channel, message: ClusterNotification, input: NotifierInput) {
  const body =
    channel.kind === 'slack'
      ? slackPayload(message, input.dashboardUrl)
      : channel.kind === 'teams'
        ? teamsPayload(message, input.dashboardUrl)
        : webhookPayload(message, input.dashboardUrl);
  const options: DeliveryOptions = { ...input.delivery };
  if (channel.signingSecret) options.signingSecret = channel.signingSecret;
  // The same message keeps its id across retries, so a receiver can drop a duplicate.
  const id = `msg_${createHash('sha256').update(`${channel.name}\u0000${message.key}`).digest('hex').slice(0, 24)}`;
  return deliver(channel.url, body, id, options);
}
