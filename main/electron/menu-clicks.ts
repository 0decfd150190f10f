// Menus are built as data, each item naming its `action` instead of holding a click function, so
// tests compare templates. This one step, shared by the app menu and the tray, turns such a
// template into what Menu.buildFromTemplate takes: every action a click that runs it.

/** A template item as Menu.buildFromTemplate takes it: its action became a click. */
export type WithClicks<T> = Omit<T, 'action' | 'submenu'> & {
  submenu?: WithClicks<T>[];
  click?: () => void;
};

/** The template with clicks for actions, submenus included; no action descriptor is left in it. */
export function actionsToClicks<A, T extends { action?: A; submenu?: T[] }>(
  items: T[],
  run: (action: A) => void,
): WithClicks<T>[] {
  return items.map(({ action, submenu, ...rest }) => ({
    ...rest,
    ...(submenu ? { submenu: actionsToClicks(submenu, run) } : {}),
    ...(action ? { click: () => run(action) } : {}),
  }));
}
