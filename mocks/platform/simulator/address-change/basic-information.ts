/**
 * 最新4情報 (name, address, birth date, sex) through the platform's J-LIS face, asked only with
 * the viewer's consent. A real operator asks J-LIS by the viewer's certificate; the simulated
 * face answers from the demo town's register (seed/address-change.json) for the customer the
 * certificate is linked to.
 */
import type { BasicInformation } from '../../../../src/platform/types';
import { BASIC_REGISTER } from '../../seed/address-change';
import type { Customer } from '../../seed/residents';

export type LatestBasicInformation = Omit<BasicInformation, 'fetchedAt'>;

export interface BasicInformationService {
  latest(query: {
    customerNumber: string;
    authCertificateSha256: string;
  }): Promise<LatestBasicInformation | undefined>;
}

export class SimulatedBasicInformation implements BasicInformationService {
  constructor(private readonly customers: () => ReadonlyMap<string, Customer>) {}

  async latest(query: { customerNumber: string }): Promise<LatestBasicInformation | undefined> {
    const customer = this.customers().get(query.customerNumber);
    const register = BASIC_REGISTER[query.customerNumber];
    if (!customer || !register) return undefined;
    return { name: customer.name, birthDate: customer.birthDate, ...register };
  }
}
