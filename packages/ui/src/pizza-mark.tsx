/** The brand mark: a pizza seen from above. Decorative unless given a title. */
export function PizzaMark({ size = 32, title }: { size?: number; title?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 64 64"
      role={title ? "img" : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
    >
      <circle cx="32" cy="32" r="30" fill="#e89a2c" />
      <circle cx="32" cy="32" r="24" fill="#f7c948" />
      <circle cx="24" cy="22" r="5" fill="#b3261e" />
      <circle cx="41" cy="26" r="5" fill="#b3261e" />
      <circle cx="27" cy="41" r="5" fill="#b3261e" />
      <circle cx="42" cy="42" r="4" fill="#b3261e" />
      <circle cx="34" cy="33" r="2" fill="#1f7a3a" />
      <circle cx="18" cy="32" r="2" fill="#1f7a3a" />
    </svg>
  );
}
