/**
 * A PIN or password on its way to the card actor. An invoked actor keeps its input in its snapshot,
 * and snapshots get persisted, inspected and logged: wrapped, the value never serialises
 * (JSON, String, util.inspect all show a placeholder), and only the card actor calls reveal().
 */
const REDACTED = '[secret]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

export const secret = (value: string): Secret => new Secret(value);
