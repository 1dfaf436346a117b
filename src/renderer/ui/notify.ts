import { notifications } from '@mantine/notifications';

/**
 * Success toasts. The close button gets a name: Mantine leaves it unnamed,
 * which screen readers announce as just "button".
 */
export const notifySuccess = (message: string): void => {
  notifications.show({
    color: 'teal',
    message,
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
  });
};
