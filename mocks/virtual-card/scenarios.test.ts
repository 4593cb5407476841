/** The faulty-sign scenario: the signature command fails with 6581, everything else works. */
import { JpkiEf } from '../../stb-spec/protocol/jpki-card';
import { makeFakeCredentials } from './fake-credentials';
import { FAULTY_SIGN_SW, createScenarioCard, parseScenario } from './scenarios';
import { createCardState } from './state';
import { swHex } from './status-words';
import { computeSignature, selectAp, selectEf, swOf, verifyPin } from './test-helpers';

test('faulty-sign: VERIFY works, COMPUTE DIGITAL SIGNATURE answers 6581; it composes with other traits', () => {
  expect(parseScenario('faulty-sign')).toMatchObject({ faultySign: true, hasJpkiAp: true });
  expect(parseScenario('last-try,faulty-sign')).toMatchObject({ faultySign: true, authTriesLeft: 1 });
  expect(parseScenario('normal').faultySign).toBeUndefined();

  const state = createCardState(makeFakeCredentials(), { auth: '1234', sign: 'ABC123' });
  const card = createScenarioCard(parseScenario('faulty-sign'), state);
  expect(swOf(card.process(selectAp()))).toBe('9000');
  expect(swOf(card.process(selectEf(JpkiEf.authPin)))).toBe('9000');
  expect(swOf(card.process(verifyPin('1234')))).toBe('9000');
  expect(swOf(card.process(selectEf(JpkiEf.authKey)))).toBe('9000');
  expect(card.process(computeSignature(new Uint8Array(51)))).toEqual(Uint8Array.of(0x65, 0x81));
  expect(swHex(FAULTY_SIGN_SW)).toBe('6581');
  expect(state.triesLeft.auth).toBe(3);
});
