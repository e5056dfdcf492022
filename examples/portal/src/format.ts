/** Formatting shared by the pages: numbers, dates, rate limits and usage bucket labels (UTC, as the gateway's buckets). */
import type { UsageResolution } from './gql/graphql';

const numbers = new Intl.NumberFormat('en');

export function formatNumber(n: number): string {
  return numbers.format(n);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
}

function formatSeconds(seconds: number): string {
  if (seconds === 1) return 'second';
  if (seconds === 60) return 'minute';
  if (seconds === 3600) return 'hour';
  if (seconds === 86_400) return 'day';
  return `${formatNumber(seconds)} seconds`;
}

/** `100 requests per minute`, or `Unlimited` when Tyk says -1 / nothing. */
export function formatRate(rate: number | null | undefined, per: number | null | undefined): string {
  if (rate == null || per == null || rate <= 0 || per <= 0) return 'Unlimited';
  return `${formatNumber(rate)} requests per ${formatSeconds(per)}`;
}

/** The x-axis label of a usage bucket. */
export function bucketLabel(start: string, resolution: UsageResolution): string {
  const date = new Date(start);
  if (resolution === 'HOUR') return date.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });
  if (resolution === 'MONTH') return date.toLocaleDateString('en', { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return date.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
