/** A translated error where the user acted, announced to screen readers; nothing when there is none. */
export function ProblemNotice({ problem, className }: { problem: string | null | undefined; className?: string }) {
  if (!problem) return null;
  return (
    <p className={`notice notice--danger${className ? ` ${className}` : ''}`} role="alert">
      {problem}
    </p>
  );
}
