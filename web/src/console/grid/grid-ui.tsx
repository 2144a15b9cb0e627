import { ConfigProvider, Grid, type ButtonProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import './grid.css';

/**
 * Larger type and controls for the field screens: grid workers and building leaders are often past
 * sixty and read on a phone. Nested inside the console's ConfigProvider, so the locale stays.
 */
export function LargeType({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider componentSize="large" theme={{ token: { fontSize: 16 } }}>
      {children}
    </ConfigProvider>
  );
}

/** Narrower than antd's `md` breakpoint (768 px): one column, cards instead of wide tables. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** `onRow` props that give each antd table row a data-testid. */
export function rowTestId(testId: string): HTMLAttributes<HTMLElement> {
  const props: HTMLAttributes<HTMLElement> & { 'data-testid': string } = { 'data-testid': testId };
  return props;
}

/** Button props (a Modal's `okButtonProps`) carrying a data-testid. */
export function testIdButton(testId: string, props: ButtonProps = {}): ButtonProps {
  const withId: ButtonProps & { 'data-testid': string } = { ...props, 'data-testid': testId };
  return withId;
}
