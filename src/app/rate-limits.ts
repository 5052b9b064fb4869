/**
 * The request limits the configuration asks for. Apart from compose-http.ts because the bot's
 * composition (compose.ts) limits each Teams sender with them too, and compose-http.ts imports compose.ts.
 */
import type { RateLimits } from '../http/rate-limits';
import type { Config } from './config';

/**
 * With an app id, limits that no person or council proxy reaches in normal use. Locally (loopback only,
 * one developer, the benchmarks and the reliability fuzz on one address) far higher, so they never get
 * in the way; a setting overrides either.
 */
export function rateLimitsOf(
  config: Pick<Config, 'MicrosoftAppId' | 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE'>,
): RateLimits {
  const local = !config.MicrosoftAppId;
  return {
    perPersonPerMinute: config.RATE_LIMIT_PER_MINUTE ?? (local ? 6000 : 120),
    perAddressPerMinute: config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE ?? (local ? 30000 : 600),
  };
}
