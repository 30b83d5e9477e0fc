// Public addresses of the project's documentation, for output that leaves the terminal (SARIF, Markdown, GitHub).

/** Where the repository's files are browsable; runbooks live under docs/runbooks/ there. */
export const PROJECT_URL = 'https://github.com/shipshape-dev/shipshape';

/** The runbook page of a check, as an absolute URL. */
export function runbookUrl(checkId: string): string {
  return `${PROJECT_URL}/blob/main/docs/runbooks/${encodeURIComponent(checkId)}.md`;
}
