/**
 * The one way a text may end in ".." when it is longer than its lines: spread `mayCutShort(true)`
 * into the text element's template or patch. Only a list row's line may do so, and only where the
 * viewer sees the whole text once the row is opened (or in the panel that follows the focus): a row
 * is one line so the list stays a list. The layout check (src/app/layout-check) reports every other
 * text that is cut short, at every text size.
 */
export const mayCutShort = (allowed: boolean) => ({ cutShortAllowed: allowed });
