/**
 * Real actors for the machines, made from the card bridge client and the platform SDK. The ports
 * below name only what the machines use, so BridgeClient (src/card) and PlatformClient
 * (src/platform) fit them as they are, and tests can pass small fakes. Nothing here opens a socket
 * or calls fetch itself: the clients do, and they are handed in.
 *
 *   const actors = createActors({ card: bridgeClient, platform: platformClient, flows });
 *   const session = createActor(sessionMachine.provide({ actors: actors.session }), { input: {} });
 *
 * The flows loaded on demand (registration, health, booking, inbox, moving, companion) have their
 * machines in their families' chunks: `flows` hands them over once they are in, and each is
 * provided with its actors here then (lazy-flow.ts: the session invokes it all the same).
 */
import { fromCallback, fromPromise, type AnyActorLogic } from 'xstate';
import { bytesToBase64 } from '../../platform/base64';
import { challengeDigest } from '../../platform/card';
import { addressChangeConsentDigest } from '../../platform/consent';
import type { AvailabilityQuery } from '../../platform/resources/facilities';
import type { PairingBox } from '../../platform/resources/pairing';
import type {
  AddressChange,
  AddressChangeRequest,
  BasicInformation,
  Booking,
  BookingRequest,
  LinkedServiceList,
  RegistrationResult,
  TokenPair,
} from '../../platform/types';
import type { bookingMachine } from '../../features/booking/machine/booking.machine';
import type { pairingMachine } from '../../features/companion/machine/pairing.machine';
import { NO_BOX, phoneActors, type CurrentPhone, type PairingPort } from './companion-actors';
import { phoneRemoteActor, type RemotePort, type RemoteScreen } from './phone-remote-actor';
import type { healthMachine } from '../../features/health/machine/health.machine';
import type { inboxMachine } from '../../features/inbox/machine/inbox.machine';
import { loginMachine } from '../../features/login/machine/login.machine';
import type { movingMachine } from '../../features/moving/machine/moving.machine';
import {
  passwordEntryMachine,
  type SubmitInput,
} from '../../features/secret-entry/machine/secret-entry.machine';
import type * as Port from '../../machines/ports';
import type { registrationMachine } from '../../features/registration/machine/registration.machine';
import { checkCardByCertificate } from './card-by-certificate';
import { oneCardCallAtATime } from './card-line';
import { lazyFlowLogic } from './lazy-flow';

/** The card bridge client as the machines use it (BridgeClient's methods). */
export interface CardPort {
  readCertificate(slot: 'auth', options?: { cardId?: string }): Promise<Uint8Array>;
  getPinStatus(kind: 'auth' | 'sign', options?: { cardId?: string }): Promise<Port.PinStatus>;
  readSignCertificate(
    pin: string,
    options?: { confirmLastAttempt?: string; cardId?: string },
  ): Promise<Uint8Array>;
  sign(request: {
    key: 'auth' | 'sign';
    pin: string;
    digest: Uint8Array;
    /** The bridge's one-time value from its last-try refusal, after the viewer's CONFIRM. */
    confirmLastAttempt?: string;
    cardId?: string;
  }): Promise<Uint8Array>;
  subscribe(listener: (event: CardPortEvent) => void): () => void;
}
export type CardPortEvent =
  | { type: 'connection'; state: 'connecting' | 'open' | 'closed' }
  /** An attempt that did not open; `refused`: the bridge is up but turns the app away. */
  | { type: 'connectFailed'; refused: boolean; unsupported?: true }
  | { type: 'status'; status: CardPortStatus };
export interface CardPortStatus {
  readerService?: 'running' | 'unavailable';
  readers: ReadonlyArray<{ card: 'absent' | 'checking' | 'present' | 'unsupported' | 'mute' }>;
  /** Set exactly when a reader's card is a classified My Number Card. */
  token?: string;
  cardId?: string;
}

/** The platform SDK as the machines use it (PlatformClient's resources). */
export interface PlatformPort {
  /** The platform's clock as the box estimates it (token expiries are the platform's times). */
  now(): number;
  auth: {
    challenge(purpose: 'login' | 'registration'): Promise<{ challenge: string }>;
    loginWithSignature(request: Port.LoginInput): Promise<TokenPair>;
    refresh(): Promise<void>;
    logout(): Promise<void>;
  };
  registration: { registerWithSignatures(request: Port.RegisterInput): Promise<RegistrationResult> };
  profile: {
    get(): Promise<Port.Profile>;
    savePreferences(preferences: { textSize: Port.TextSizeChoice }): Promise<unknown>;
  };
  health: {
    checkups(): Promise<Port.CheckupList>;
    checkup(checkupId: string): Promise<Port.Checkup>;
    trend(itemCode: Port.TrendInput['itemCode']): Promise<Port.Trend>;
    medications(): Promise<Port.MedicationList>;
  };
  facilities: {
    list(): Promise<Port.FacilityList>;
    availability(facilityId: string, query: AvailabilityQuery): Promise<Port.Availability>;
  };
  bookings: {
    create(request: BookingRequest, options: { idempotencyKey: string }): Promise<Booking>;
    list(): Promise<Port.BookingList>;
    cancel(bookingId: string): Promise<Booking>;
  };
  notices: {
    list(): Promise<Port.NoticeList>;
    get(noticeId: string): Promise<Port.Notice>;
    markRead(noticeId: string): Promise<Port.Notice>;
    keep(noticeId: string, kept: boolean): Promise<Port.Notice>;
    delete(noticeId: string): Promise<void>;
  };
  addressChanges: {
    fetchBasicInformation(): Promise<BasicInformation>;
    services(): Promise<LinkedServiceList>;
    challenge(): Promise<{ challenge: string }>;
    createWithSignature(
      request: AddressChangeRequest,
      options: { idempotencyKey: string },
    ): Promise<AddressChange>;
    get(requestId: string): Promise<AddressChange>;
  };
  pairing: PairingPort & RemotePort;
}

/** The flows loaded on demand, by their machines (each in its family's chunk). */
export interface FlowMachines {
  registration: typeof registrationMachine;
  health: typeof healthMachine;
  booking: typeof bookingMachine;
  inbox: typeof inboxMachine;
  moving: typeof movingMachine;
  companion: typeof pairingMachine;
}
export type LazyFlow = keyof FlowMachines;

/** Where the lazy flows' machines come from (the shell's families; tests hand them all at once). */
export interface FlowSource {
  /** The flow's machine, once its chunk is in. */
  machine<F extends LazyFlow>(flow: F): FlowMachines[F] | undefined;
  /** Resolves once the flow's chunk is in, loading it (a failed load waits for the next try). */
  loaded(flow: LazyFlow): Promise<unknown>;
}

export interface ActorDependencies {
  card: CardPort;
  platform: PlatformPort;
  flows: FlowSource;
  /** The box as pairing a phone names it (pairing-box.ts); asked at each start. */
  pairingBox?: () => Promise<PairingBox>;
  /** The session's paired phone now (none: nothing is ever sent). */
  currentPhone?: CurrentPhone;
  /** The shell, for the phone's touch remote (none yet: nothing is delivered). */
  remoteScreen?: () => RemoteScreen | undefined;
}

/** Refresh this long before the access token expires, and never sooner than the floor. */
const REFRESH_MARGIN_MS = 60_000;
const REFRESH_FLOOR_MS = 10_000;

/** What the session decides on, from the bridge's status: no reader, no card, a card, a bad card. */
export function presenceOf({
  readers,
  readerService = 'running',
  token,
}: {
  readers: ReadonlyArray<{ card: string }>;
  readerService?: CardPortStatus['readerService'];
  token?: string;
}): Port.CardPresence {
  if (readerService === 'unavailable') return 'serviceUnavailable';
  if (readers.length === 0) return 'noReader';
  // Present counts with its token: a 1.x bridge shows a card still being classified as present
  // without one (a 2.x bridge sets the token exactly when a card is present).
  if (readers.some((reader) => reader.card === 'present'))
    return token === undefined ? 'checking' : 'present';
  // Being classified: shown as "checking the card", no login until it is known.
  if (readers.some((reader) => reader.card === 'checking')) return 'checking';
  if (readers.some((reader) => reader.card === 'unsupported')) return 'unsupported';
  if (readers.some((reader) => reader.card === 'mute')) return 'unreadable';
  return 'absent';
}

/**
 * The bridge's events as the session reads them. An open connection that is lost is BRIDGE_DOWN at
 * once; an attempt that never opened waits for the client's verdict (connectFailed), so a bridge
 * that refuses the app shows BRIDGE_REFUSED steadily, not "down" between its retries.
 */
export function watchBridge(card: CardPort, sendBack: (event: Port.BridgeWatchEvent) => void): () => void {
  let open = false;
  return card.subscribe((event) => {
    if (event.type === 'connection') {
      if (event.state === 'closed' && open) sendBack({ type: 'BRIDGE_DOWN' });
      open = event.state === 'open';
    }
    if (event.type === 'connectFailed') sendBack({ type: verdictOf(event) });
    if (event.type === 'status') {
      const { cardId } = event.status;
      sendBack({ type: 'CARD_STATUS', presence: presenceOf(event.status), cardId });
    }
  });
}

const verdictOf = ({ refused, unsupported }: { refused: boolean; unsupported?: true }) =>
  unsupported ? 'BRIDGE_UNSUPPORTED' : refused ? 'BRIDGE_REFUSED' : 'BRIDGE_DOWN';

/** The card a flow started with, for the bridge to check; left out when the bridge gave none. */
const withCard = ({ cardId }: Port.CardInput): { cardId?: string } =>
  cardId === undefined ? {} : { cardId };

/** The bridge's one-time value after the viewer's CONFIRM of a last try; left out when there is none. */
const withConfirmation = (confirmation: string | undefined): { confirmLastAttempt?: string } =>
  confirmation === undefined ? {} : { confirmLastAttempt: confirmation };

/** SHA-256 digests of the last few challenges, computed as each arrives (see signChallenge). */
const DIGESTS_KEPT = 4;

export function createActors({
  card: bridgeCard,
  platform,
  pairingBox = NO_BOX,
  currentPhone = () => undefined,
  remoteScreen = () => undefined,
  flows,
}: ActorDependencies) {
  const { provideCompanion, sendToPhone } = phoneActors(
    platform.pairing,
    pairingBox,
    currentPhone,
    (tokens) => signedIn(tokens),
  );
  // Calls in one line; without the bridge's card identity, the card is checked by its certificate.
  const card = checkCardByCertificate(oneCardCallAtATime(bridgeCard));
  const digests = new Map<string, Uint8Array>();
  const keepDigest = async (challenge: string) => {
    digests.set(challenge, await challengeDigest(challenge));
    for (const old of digests.keys()) if (digests.size > DIGESTS_KEPT) digests.delete(old);
  };
  let tokenLifetimeMs = 0;
  const refreshAfter = (pair: TokenPair): number => {
    tokenLifetimeMs = Date.parse(pair.accessTokenExpiresAt) - platform.now();
    return Math.max(REFRESH_FLOOR_MS, tokenLifetimeMs - REFRESH_MARGIN_MS);
  };
  const signedIn = async (pair: TokenPair): Promise<Port.SignedIn> => ({
    profile: await platform.profile.get(),
    refreshAfterMs: refreshAfter(pair),
  });

  // Sign first, then read: a wrong password fails the sign and nothing else is tried (one try
  // spent at most), and after a correct one the count is full again, so the read needs no
  // confirmation (the one-time value is spent by the sign).
  const signThenReadSignCertificate = async (
    password: string,
    digest: Uint8Array,
    confirmation: string | undefined,
    input: Port.CardInput,
  ): Promise<Port.SignWithPasswordOutput> => {
    const signature = await card.sign({
      key: 'sign',
      pin: password,
      digest,
      ...withConfirmation(confirmation),
      ...withCard(input),
    });
    const signCertificate = await card.readSignCertificate(password, withCard(input));
    return { signCertificate: bytesToBase64(signCertificate), signature: bytesToBase64(signature) };
  };

  const cardActors = {
    readAuthCertificate: fromPromise<string, Port.ReadAuthCertificateInput>(async ({ input }) =>
      bytesToBase64(await card.readCertificate('auth', withCard(input))),
    ),
    readPinStatus: fromPromise<Port.PinStatus, Port.ReadPinStatusInput>(({ input }) =>
      card.getPinStatus(input.pin, withCard(input)),
    ),
    requestChallenge: fromPromise<string, Port.RequestChallengeInput>(async ({ input }) => {
      const { challenge } = await platform.auth.challenge(input.purpose);
      await keepDigest(challenge);
      return challenge;
    }),
    // With the digest ready (the challenge came through requestChallenge), nothing is awaited
    // before the card call: it leaves while the machine's step is still running.
    signChallenge: fromPromise<string, Port.SignChallengeInput>(async ({ input }) => {
      const digest = digests.get(input.challenge) ?? (await challengeDigest(input.challenge));
      digests.delete(input.challenge);
      const pin = input.pin.reveal();
      return bytesToBase64(
        await card.sign({
          key: 'auth',
          pin,
          digest,
          ...withConfirmation(input.confirmLastAttempt),
          ...withCard(input),
        }),
      );
    }),
  };

  const login = loginMachine.provide({
    actors: {
      ...cardActors,
      loginWithSignature: fromPromise<Port.SignedIn, Port.LoginInput>(async ({ input }) =>
        signedIn(await platform.auth.loginWithSignature(input)),
      ),
    },
  });

  const registration = (machine: FlowMachines['registration']) =>
    machine.provide({
      actors: {
        ...cardActors,
        signWithPassword: fromPromise<Port.SignWithPasswordOutput, Port.SignWithPasswordInput>(
          async ({ input }) => {
            const password = input.password.reveal();
            const digest = await challengeDigest(input.challenge);
            return signThenReadSignCertificate(password, digest, input.confirmLastAttempt, input);
          },
        ),
        register: fromPromise<Port.SignedIn, Port.RegisterInput>(async ({ input }) =>
          signedIn((await platform.registration.registerWithSignatures(input)).tokens),
        ),
      },
    });

  const health = (machine: FlowMachines['health']) =>
    machine.provide({
      actors: {
        loadCheckups: fromPromise(() => platform.health.checkups()),
        loadCheckup: fromPromise<Port.Checkup, Port.CheckupInput>(({ input }) =>
          platform.health.checkup(input.checkupId),
        ),
        loadTrend: fromPromise<Port.Trend, Port.TrendInput>(({ input }) =>
          platform.health.trend(input.itemCode),
        ),
        loadMedications: fromPromise(() => platform.health.medications()),
        sendToPhone,
      },
    });

  const booking = (machine: FlowMachines['booking']) =>
    machine.provide({
      actors: {
        loadFacilities: fromPromise(() => platform.facilities.list()),
        loadAvailability: fromPromise<Port.Availability, Port.AvailabilityInput>(({ input }) =>
          platform.facilities.availability(input.facilityId, { from: input.from, to: input.to }),
        ),
        createBooking: fromPromise<Booking, Port.CreateBookingInput>(({ input }) =>
          platform.bookings.create(input.request, { idempotencyKey: input.idempotencyKey }),
        ),
        loadBookings: fromPromise(() => platform.bookings.list()),
        cancelBooking: fromPromise<Booking, Port.CancelBookingInput>(({ input }) =>
          platform.bookings.cancel(input.bookingId),
        ),
        sendToPhone,
      },
    });

  const inbox = (machine: FlowMachines['inbox']) =>
    machine.provide({
      actors: {
        loadNotices: fromPromise(() => platform.notices.list()),
        loadNotice: fromPromise<Port.Notice, Port.NoticeInput>(({ input }) =>
          platform.notices.get(input.noticeId),
        ),
        markRead: fromPromise<Port.Notice, Port.NoticeInput>(({ input }) =>
          platform.notices.markRead(input.noticeId),
        ),
        keepNotice: fromPromise<Port.Notice, Port.KeepNoticeInput>(({ input }) =>
          platform.notices.keep(input.noticeId, input.kept),
        ),
        deleteNotice: fromPromise<void, Port.NoticeInput>(({ input }) =>
          platform.notices.delete(input.noticeId),
        ),
        sendToPhone,
      },
    });

  const moving = (machine: FlowMachines['moving']) =>
    machine.provide({
      actors: {
        // Only after the viewer's consent (the flow's first screen); of the 4 情報, only the address is kept.
        fetchMoveDetails: fromPromise<Port.MoveDetails>(async () => {
          const basic = await platform.addressChanges.fetchBasicInformation();
          const { services } = await platform.addressChanges.services();
          return { newAddress: basic.address, services };
        }),
        readPinStatus: cardActors.readPinStatus,
        passwordEntry: passwordEntryMachine.provide({
          actors: {
            // A fresh challenge per try; signed and read as registration's (one try at most).
            submit: fromPromise<unknown, SubmitInput>(async ({ input }): Promise<Port.SignedConsent> => {
              const request = input.request as Port.ConsentRequest;
              const { challenge } = await platform.addressChanges.challenge();
              const digest = await addressChangeConsentDigest({
                challenge,
                newAddress: request.newAddress ?? '',
                services: request.services,
              });
              const password = input.secret.reveal();
              const signed = await signThenReadSignCertificate(
                password,
                digest,
                input.confirmLastAttempt,
                request,
              );
              return { challenge, ...signed };
            }),
          },
        }),
        createAddressChange: fromPromise<AddressChange, Port.CreateAddressChangeInput>(({ input }) =>
          platform.addressChanges.createWithSignature(input.request, {
            idempotencyKey: input.idempotencyKey,
          }),
        ),
        loadAddressChange: fromPromise<AddressChange, Port.AddressChangeInput>(({ input }) =>
          platform.addressChanges.get(input.requestId),
        ),
      },
    });

  const providers: { [F in LazyFlow]: (machine: FlowMachines[F]) => AnyActorLogic } = {
    registration,
    health,
    booking,
    inbox,
    moving,
    companion: provideCompanion,
  };
  /** Each flow's machine provided with its actors, once (the same logic at every invocation). */
  const provided = new Map<LazyFlow, AnyActorLogic>();
  const flow = (id: LazyFlow): AnyActorLogic | undefined => {
    const machine = flows.machine(id);
    if (!machine) return undefined;
    if (!provided.has(id)) provided.set(id, (providers[id] as (m: typeof machine) => AnyActorLogic)(machine));
    return provided.get(id);
  };
  // Typed as the session declares them; each is its flow's machine once its chunk is in.
  const lazy = <F extends LazyFlow>(id: F) =>
    lazyFlowLogic(
      () => flow(id),
      () => flows.loaded(id),
    ) as unknown as ReturnType<(typeof providers)[F]> & FlowMachines[F];

  const session = {
    watchBridge: fromCallback(({ sendBack }) => watchBridge(card, sendBack)),
    login,
    registration: lazy('registration'),
    health: lazy('health'),
    booking: lazy('booking'),
    inbox: lazy('inbox'),
    countUnread: fromPromise<number>(async () => (await platform.notices.list()).unreadCount),
    moving: lazy('moving'),
    companion: lazy('companion'),
    phoneRemote: phoneRemoteActor(platform.pairing, pairingBox, currentPhone, remoteScreen),
    refreshTokens: fromPromise<Port.RefreshOutput>(async () => {
      await platform.auth.refresh();
      // The SDK keeps the new pair to itself; tokens are issued for the same lifetime each time.
      return { refreshAfterMs: Math.max(REFRESH_FLOOR_MS, tokenLifetimeMs - REFRESH_MARGIN_MS) };
    }),
    logout: fromPromise<void>(() => platform.auth.logout()),
  };

  /** The viewer's text size kept in their profile (features/session/machine/text-size.machine.ts). */
  const textSize = {
    saveTextSize: fromPromise<void, { textSize: Port.TextSizeChoice }>(async ({ input }) => {
      await platform.profile.savePreferences({ textSize: input.textSize });
    }),
  };

  return { session, login, flow, textSize };
}
