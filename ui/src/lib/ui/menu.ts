export interface MenuItem {
  label: string;
  testid: string;
  run: () => void;
  danger?: boolean;
  disabled?: boolean;
}
