/** Text from a request or a record, made safe to stand inside HTML text or a quoted attribute. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface MobilePage {
  /** The document's title (text). */
  title: string;
  /** What the Content-Security-Policy allows for the one style element. */
  nonce: string;
  style: string;
  referrer: 'same-origin' | 'no-referrer';
  /** Markup above the main column (already escaped). */
  header: string;
  /** The main column's markup (already escaped). */
  main: string;
}

/** A phone page: Japanese, one column sized for the phone, one nonce'd style, no script. */
export function mobilePage(page: MobilePage): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${page.referrer}">
<title>${escapeHtml(page.title)}</title>
<style nonce="${escapeHtml(page.nonce)}">${page.style}</style>
</head>
<body>
${page.header}
<main>
${page.main}
</main>
</body>
</html>
`;
}
