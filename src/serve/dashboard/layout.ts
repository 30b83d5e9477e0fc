// The page shell every dashboard page shares: the stylesheet (served as a file: the CSP allows no inline style),
// a skip link, the navigation with the current page marked, and small formatting helpers. No script at all.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Severity } from '../../core/severity.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const STYLESHEET_PATH = '/assets/shipshape.css';

const NAV = [
  ['/', 'Overview'],
  ['/findings', 'Findings'],
  ['/trends', 'Trends'],
  ['/kpis', 'KPIs'],
  ['/namespaces', 'Namespaces'],
  ['/teams', 'Teams'],
  ['/scans', 'Scans'],
] as const;

export function page(title: string, current: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · shipshape</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><span class="brand">shipshape</span>
<nav aria-label="Dashboard">${NAV.map(
    ([href, label]) =>
      html`<a href="${href}"${current === href ? html` aria-current="page"` : ''}>${label}</a> `,
  )}</nav></header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

export function severityBadge(severity: Severity): Html {
  return html`<span class="sev sev-${severity}">${severity}</span>`;
}

/** An ISO time in UTC to the second, inside <time>. */
export function time(ms: number): Html {
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 19).replace('T', ' ')} UTC</time>`;
}

export function objectLabel(object: { kind: string; namespace?: string; name: string }): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

export function findingHref(cluster: string, fingerprint: string): string {
  return `/findings/${encodeURIComponent(cluster)}/${encodeURIComponent(fingerprint)}`;
}

export function namespaceHref(cluster: string, namespace: string): string {
  return `/namespaces/${encodeURIComponent(cluster)}/${encodeURIComponent(namespace)}`;
}
