/**
 * Traffic over time as stacked bars (successful and failed requests), drawn by Recharts. The same
 * numbers are available as a table for screen readers and for anyone who prefers numbers.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketLabel, formatNumber } from '../format';
import type { UsageResolution } from '../gql/graphql';

export interface UsagePoint {
  start: string;
  hits: number;
  success: number;
  error: number;
}

interface UsageChartProps {
  title: string;
  buckets: readonly UsagePoint[];
  resolution: UsageResolution;
}

export function UsageChart({ title, buckets, resolution }: UsageChartProps) {
  const data = buckets.map((b) => ({ label: bucketLabel(b.start, resolution), start: b.start, success: b.success, error: b.error, hits: b.hits }));
  const total = buckets.reduce((sum, b) => sum + b.hits, 0);
  return (
    <figure className="usage-chart" data-buckets={buckets.length} data-total-hits={total}>
      <figcaption>
        {title}: {formatNumber(total)} requests
      </figcaption>
      <div className="chart-frame">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={8} />
            <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => formatNumber(Number(value))} />
            <Legend />
            <Bar dataKey="success" name="Successful" stackId="hits" fill="var(--chart-success)" isAnimationActive={false} />
            <Bar dataKey="error" name="Errors" stackId="hits" fill="var(--chart-error)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{resolution === 'HOUR' ? 'Hour (UTC)' : resolution === 'MONTH' ? 'Month' : 'Day (UTC)'}</th>
              <th scope="col">Requests</th>
              <th scope="col">Successful</th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.start}>
                <th scope="row">{row.label}</th>
                <td>{formatNumber(row.hits)}</td>
                <td>{formatNumber(row.success)}</td>
                <td>{formatNumber(row.error)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
