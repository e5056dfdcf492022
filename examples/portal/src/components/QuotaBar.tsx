/** A key's quota: requests remaining out of the maximum, as a meter with the numbers in words. */
import { formatNumber } from '../format';

export function QuotaBar({ remaining, max, label }: { remaining: number; max: number | null | undefined; label: string }) {
  if (max == null || max <= 0) return <p className="quota-unlimited">Unlimited quota</p>;
  const left = Math.max(0, Math.min(remaining, max));
  const percent = Math.round((left / max) * 100);
  const text = `${formatNumber(left)} of ${formatNumber(max)} requests left`;
  return (
    <div className="quota">
      <div
        className="quota-bar"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={left}
        aria-valuetext={text}
      >
        <div className={`quota-fill${percent < 10 ? ' quota-low' : ''}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="quota-text">{text}</span>
    </div>
  );
}
