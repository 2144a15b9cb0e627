import { useApi } from '../common/use-api';
import { disputesApi, type DisputesCatalogue } from './disputes-api';

/** The catalogue (types, risks, ladders, methods, referral targets) in the current language. */
export function useCatalogue(): DisputesCatalogue | undefined {
  return useApi((signal) => disputesApi.catalogue(signal), []).data;
}

export function optionName(options: readonly { code: string; name: string }[] | undefined, code: string): string {
  return options?.find((o) => o.code === code)?.name ?? code;
}
