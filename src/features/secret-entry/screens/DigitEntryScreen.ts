/**
 * A screen typed with the remote's number buttons (the customer number, the PIN): a digit goes to
 * the flow as DIGIT, OK as OK, Back as BACK (the flow deletes a digit or steps back).
 */
import { digitOf } from '../../../app/keys/keymap';
import { Screen } from '../../../app/screens/Screen';

export abstract class DigitEntryScreen<Props> extends Screen<Props> {
  /** While a modal panel is up, digits are taken (not passed on) but not typed. */
  protected digitsPaused(): boolean {
    return false;
  }

  override _handleKey(event: KeyboardEvent) {
    const digit = digitOf(event);
    if (digit === undefined) return false;
    if (!this.digitsPaused()) this.send({ type: 'DIGIT', digit });
    return true;
  }

  override _handleEnter() {
    this.send({ type: 'OK' });
    return true;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
