/** Names for the API's shapes. All come from the OpenAPI document (generated/); none is written by hand. */
import type { components } from './generated/platform-api';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type ProblemCode = Schemas['ProblemCode'];
export type ChallengePurpose = Schemas['ChallengePurpose'];
export type Challenge = Schemas['Challenge'];
export type LoginRequest = Schemas['LoginRequest'];
export type TokenPair = Schemas['TokenPair'];
export type RegistrationRequest = Schemas['RegistrationRequest'];
export type RegistrationResult = Schemas['RegistrationResult'];
export type Profile = Schemas['Profile'];
export type SignCertificateStatus = Schemas['SignCertificateStatus'];
export type ViewerPreferences = Schemas['ViewerPreferences'];
export type CrlReason = Schemas['CrlReason'];
export type Judgement = Schemas['Judgement'];
export type CheckupItemCode = Schemas['CheckupItemCode'];
export type ReferenceRange = Schemas['ReferenceRange'];
export type CheckupItemResult = Schemas['CheckupItemResult'];
export type CheckupSummary = Schemas['CheckupSummary'];
export type Checkup = Schemas['Checkup'];
export type CheckupList = Schemas['CheckupList'];
export type Trend = Schemas['Trend'];
export type TrendPoint = Schemas['TrendPoint'];
export type Medication = Schemas['Medication'];
export type MedicationList = Schemas['MedicationList'];
export type SlotCode = Schemas['SlotCode'];
export type TimeSlot = Schemas['TimeSlot'];
export type Room = Schemas['Room'];
export type Facility = Schemas['Facility'];
export type FacilityList = Schemas['FacilityList'];
export type SlotStatus = Schemas['SlotStatus'];
export type Availability = Schemas['Availability'];
export type BookingRequest = Schemas['BookingRequest'];
export type CancellationPolicy = Schemas['CancellationPolicy'];
export type Booking = Schemas['Booking'];
export type BookingList = Schemas['BookingList'];
