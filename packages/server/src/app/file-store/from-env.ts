import { ConfigError } from '../../config/config-file';
import type { S3Settings } from './s3-file-store';

const NAMES = ['PARLEY_S3_BUCKET', 'PARLEY_S3_REGION', 'PARLEY_S3_ACCESS_KEY_ID', 'PARLEY_S3_SECRET_ACCESS_KEY'] as const;

/**
 * S3-compatible storage when `PARLEY_S3_BUCKET` is set (then the region and both keys are required);
 * otherwise undefined: files stay on local disk. A half-done setup stops the start, naming what's missing.
 */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv): S3Settings | undefined {
  if (!env.PARLEY_S3_BUCKET && !env.PARLEY_S3_ENDPOINT) return undefined;
  const missing = NAMES.filter((n) => !env[n]);
  if (missing.length) throw new ConfigError(`S3 storage needs ${missing.join(', ')} (or unset PARLEY_S3_ENDPOINT and PARLEY_S3_BUCKET to store files on disk)`);
  const pathStyle = env.PARLEY_S3_FORCE_PATH_STYLE;
  if (pathStyle !== undefined && pathStyle !== '0' && pathStyle !== '1') throw new ConfigError('PARLEY_S3_FORCE_PATH_STYLE must be 1 or 0');
  return {
    endpoint: env.PARLEY_S3_ENDPOINT || undefined,
    bucket: env.PARLEY_S3_BUCKET!,
    region: env.PARLEY_S3_REGION!,
    accessKeyId: env.PARLEY_S3_ACCESS_KEY_ID!,
    secretAccessKey: env.PARLEY_S3_SECRET_ACCESS_KEY!,
    // Self-hosted servers (an endpoint given) mostly need path-style addressing; AWS does not.
    forcePathStyle: pathStyle === undefined ? !!env.PARLEY_S3_ENDPOINT : pathStyle === '1',
    prefix: env.PARLEY_S3_PREFIX || undefined,
  };
}
