/**
 * The viewers' own preferences (the text size), kept per user so they follow the viewer from box
 * to box and outlive a platform restart: `PUT /v1/me/preferences` replaces them, `/v1/me` reports them. A body with anything but
 * the known preferences, or a value outside their lists, is refused.
 */
import type { ViewerPreferences } from '../../../src/platform/types';
import type { RecordStore } from '../store/record-store';
import { invalid } from './problem';

type TextSize = NonNullable<ViewerPreferences['textSize']>;
/** The document's list (the type holds it to the generated one). */
const TEXT_SIZES: readonly string[] = ['standard', 'large', 'largest'] satisfies TextSize[];

export class PreferenceStore {
  constructor(private readonly store: RecordStore) {}

  of(userId: string): ViewerPreferences | undefined {
    return this.store.get<ViewerPreferences>('preferences', userId);
  }

  replace(userId: string, body: Record<string, unknown>): ViewerPreferences {
    const unknown = Object.keys(body).filter((key) => key !== 'textSize');
    if (unknown.length) throw invalid(unknown[0]!.slice(0, 40), 'not a preference');
    const { textSize } = body;
    if (textSize !== undefined && (typeof textSize !== 'string' || !TEXT_SIZES.includes(textSize)))
      throw invalid('textSize', 'standard, large or largest');
    const preferences = textSize === undefined ? {} : { textSize: textSize as TextSize };
    this.store.put('preferences', userId, preferences, userId);
    return preferences;
  }
}
