/** The "key issued" notices from the subscription, in a polite live region so they are announced. */
import { Link } from 'react-router';
import { useLive } from '../live';

export function LiveNotices() {
  const { notices, dismiss } = useLive();
  return (
    <div className="live-notices" aria-live="polite" aria-relevant="additions">
      {notices.map((notice) => (
        <div key={notice.id} className="toast" data-testid="key-issued-notice">
          <p>
            <strong>New key issued</strong>
            {notice.policies.length > 0 && <> for {notice.policies.join(', ')}</>}
            {notice.keyId && <> (key …{notice.keyId.slice(-6)})</>}.{' '}
            <Link to="/dashboard">See your keys</Link>
          </p>
          <button type="button" className="button-quiet" onClick={() => dismiss(notice.id)} aria-label="Dismiss notice">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
