import type { AnyCheck } from '../../core/check.ts';
import { certificateExpiring } from './certificate-expiring.ts';
import { certmanagerCertificateNotReady } from './certmanager-certificate-not-ready.ts';

export const certificateChecks: AnyCheck[] = [certificateExpiring, certmanagerCertificateNotReady];
