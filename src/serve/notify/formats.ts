// The bodies each channel takes. Slack: Block Kit with a text fallback, within Slack's limits (50 blocks, 3000
// characters a section, 150 a header), mrkdwn escaped so object text cannot ping (@channel) or link. Teams:
// an Adaptive Card in the message envelope a Workflows "when a Teams webhook request is received" trigger takes
// (O365 connectors are retired). Webhook: plain JSON with the fields Alertmanager's webhook receivers know.
import { append } from '../../core/append.ts';
import type { ClusterNotification, NotificationItem } from './message.ts';
import { headline } from './message.ts';

const SLACK_MAX_BLOCKS = 50;
const SLACK_SECTION_CHARS = 3000;
const SLACK_HEADER_CHARS = 150;
/** Items listed per message; the rest are counted ("and 12 more"). */
const MAX_ITEMS = 40;

/** Slack mrkdwn: &, < and > are the only characters that must be escaped; they also stop <!channel> and links. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function itemLine(i: NotificationItem): string {
  return `• *${i.severity}* \`${slackEscape(i.check)}\` ${slackEscape(i.object)}: ${slackEscape(i.message)}`;
}

export function slackPayload(n: ClusterNotification, dashboardUrl?: string): Record<string, unknown> {
  const title = headline(n);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(title, SLACK_HEADER_CHARS), emoji: false } },
  ];
  const section = (text: string) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: cut(text, SLACK_SECTION_CHARS) },
  });
  if (n.scanFailing !== undefined)
    blocks.push(section(`:warning: Scans are failing: ${slackEscape(n.scanFailing)}`));
  const list = (label: string, items: readonly NotificationItem[]) => {
    if (items.length === 0) return;
    blocks.push(section(`*${label}*`));
    // One section per few items, each within the section limit, never past the block limit.
    let chunk = '';
    for (const line of items.slice(0, MAX_ITEMS).map(itemLine)) {
      const next = chunk ? `${chunk}\n${line}` : line;
      if (next.length > SLACK_SECTION_CHARS && chunk) {
        blocks.push(section(chunk));
        chunk = line;
      } else chunk = next;
    }
    if (chunk) blocks.push(section(chunk));
    if (items.length > MAX_ITEMS) blocks.push(section(`_and ${items.length - MAX_ITEMS} more_`));
  };
  list('New', n.opened);
  list('Resolved', n.resolved);
  if (dashboardUrl) blocks.push(section(`<${dashboardUrl}|Open the dashboard>`));
  if (blocks.length > SLACK_MAX_BLOCKS) {
    blocks.length = SLACK_MAX_BLOCKS - 1;
    blocks.push(section('_more not shown: see the dashboard_'));
  }
  return { text: title, blocks };
}

export function teamsPayload(n: ClusterNotification, dashboardUrl?: string): Record<string, unknown> {
  const facts = (items: readonly NotificationItem[]) =>
    items.slice(0, MAX_ITEMS).map((i) => ({
      type: 'TextBlock',
      wrap: true,
      text: `**${i.severity}** ${i.check} · ${i.object}: ${i.message}`.replace(/[<>]/g, ''),
    }));
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      size: 'Large',
      weight: 'Bolder',
      wrap: true,
      color: n.opened.length > 0 || n.scanFailing !== undefined ? 'Attention' : 'Good',
      text: headline(n),
    },
  ];
  if (n.scanFailing !== undefined)
    body.push({
      type: 'TextBlock',
      wrap: true,
      color: 'Attention',
      text: `Scans are failing: ${n.scanFailing}`,
    });
  if (n.opened.length > 0)
    append(body, [{ type: 'TextBlock', weight: 'Bolder', text: 'New' }], facts(n.opened));
  if (n.resolved.length > 0)
    append(body, [{ type: 'TextBlock', weight: 'Bolder', text: 'Resolved' }], facts(n.resolved));
  const more = Math.max(0, n.opened.length - MAX_ITEMS) + Math.max(0, n.resolved.length - MAX_ITEMS);
  if (more > 0) body.push({ type: 'TextBlock', isSubtle: true, text: `and ${more} more` });
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    msteams: { width: 'Full' },
  };
  if (dashboardUrl)
    card.actions = [{ type: 'Action.OpenUrl', title: 'Open the dashboard', url: dashboardUrl }];
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}

/** Field names and meanings of Alertmanager's webhook (version 4), so existing receivers can read it. */
export function webhookPayload(n: ClusterNotification, dashboardUrl?: string): Record<string, unknown> {
  const alert = (status: 'firing' | 'resolved', i: NotificationItem) => ({
    status,
    labels: { alertname: i.check, cluster_name: n.cluster, severity: i.severity, object: i.object },
    annotations: { summary: i.message },
    fingerprint: i.fingerprint,
    ...(dashboardUrl ? { generatorURL: dashboardUrl } : {}),
  });
  return {
    version: '4',
    groupKey: n.key,
    status: n.opened.length > 0 || n.scanFailing !== undefined ? 'firing' : 'resolved',
    receiver: 'shipshape',
    groupLabels: { cluster_name: n.cluster },
    commonLabels: { cluster_name: n.cluster },
    commonAnnotations: {
      summary: headline(n),
      ...(n.scanFailing !== undefined ? { scan_failing: n.scanFailing } : {}),
    },
    ...(dashboardUrl ? { externalURL: dashboardUrl } : {}),
    truncatedAlerts: 0,
    alerts: [...n.opened.map((i) => alert('firing', i)), ...n.resolved.map((i) => alert('resolved', i))],
  };
}
