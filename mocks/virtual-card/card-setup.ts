/**
 * Builds the card's persistent state for a run: the identity from the state file when there is
 * one (so the same card comes back), otherwise freshly issued by the test PKI, then adjusted to
 * the scenario. Rules, in order:
 *
 * 1. A state file's credentials are kept, unless the PKI never issued them (the PKI directory was
 *    recreated) or the scenario is `expired` and they are not expired: then a new card is issued.
 *    Tries left are kept either way.
 * 2. The PINs given now replace the stored ones (the command line is the source of truth).
 * 3. `revoked` revokes the auth certificate in the PKI and saves the PKI (CRLs on disk updated).
 * 4. `locked` / `last-try` set the auth PIN's tries left, also over a loaded state.
 */
import { X509Certificate } from 'node:crypto';
import { saveTestPki, type TestPki } from '../pki/index';
import type { CardCredentials, CardHolder } from '../pki/types';
import type { PinKind } from '../../stb-spec/protocol/jpki-card';
import { applyScenarioToState, type Scenario } from './scenarios';
import { createCardState, loadCardState, saveCardStateAtomic, type VirtualCardState } from './state';

export interface CardSetupOptions {
  pki: TestPki;
  pkiDir: string;
  scenario: Scenario;
  pins: Record<PinKind, string>;
  holder: CardHolder;
  /** `--state FILE`: loaded when present, written (atomically) with the result. */
  stateFile?: string;
  now?: Date;
  /** Receives one-line notes on what was reused or replaced (never a PIN). */
  note?: (message: string) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function prepareCardState(options: CardSetupOptions): Promise<VirtualCardState> {
  const { pki, scenario, note = () => undefined } = options;
  const now = options.now ?? new Date();
  let state = options.stateFile ? loadCardState(options.stateFile) : undefined;

  if (state && pki.issuingGeneration('auth', state.credentials.authSerialHex) === undefined) {
    note('state file holds a card this PKI never issued: issuing a new one (tries left kept)');
    state.credentials = await issueCredentials(pki, options.holder, scenario, now);
  } else if (state && scenario.credentials === 'expired' && !isExpired(state.credentials, now)) {
    note('scenario "expired": replacing the stored card with an expired one (tries left kept)');
    state.credentials = await issueCredentials(pki, options.holder, scenario, now);
  } else if (state) {
    if (state.credentials.holder.name !== options.holder.name) {
      note(`state file keeps its holder ${state.credentials.holder.name}; delete it for a new card`);
    }
  } else {
    state = createCardState(await issueCredentials(pki, options.holder, scenario, now), options.pins);
  }
  state.pins = { ...options.pins };

  if (scenario.credentials === 'revoked') pki.revoke('auth', state.credentials.authSerialHex, now);
  // Issuing records serials and revoking adds to the CRL: both must reach the PKI directory.
  await saveTestPki(pki, options.pkiDir);

  applyScenarioToState(scenario, state);
  if (options.stateFile) saveCardStateAtomic(options.stateFile, state);
  return state;
}

/** Expired: valid for five years that ended yesterday. Otherwise the PKI's own validity rule. */
async function issueCredentials(
  pki: TestPki,
  holder: CardHolder,
  scenario: Scenario,
  now: Date,
): Promise<CardCredentials> {
  if (scenario.credentials !== 'expired') return pki.issueCard(holder, { issuedAt: now });
  const notAfter = new Date(now.getTime() - DAY_MS);
  const notBefore = new Date(notAfter.getTime() - 5 * 365 * DAY_MS);
  return pki.issueCard(holder, { issuedAt: notBefore, notBefore, notAfter });
}

export function isExpired(credentials: CardCredentials, now: Date): boolean {
  const notAfter = new Date(new X509Certificate(Buffer.from(credentials.authCertificate)).validTo);
  return notAfter.getTime() < now.getTime();
}
