// The Method page: how every figure is derived, rendered from shared/analysis/METHOD.md so the app and the repository say the same.
import methodText from '../../../shared/analysis/METHOD.md?raw';
import { Markdown } from './markdown';

export function MethodPage() {
  return (
    <article className="an-method" data-testid="analysis-method">
      <Markdown source={methodText} />
    </article>
  );
}
