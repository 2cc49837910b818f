import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

// antd-mobile 5 renders Dialog.confirm / Toast.show with ReactDOM.render, which React 19 removed:
// hand it createRoot instead (https://mobile.ant.design/guide/v5-for-19). Imported for its effect
// by the pages that call those functions; setting it again is harmless.
const roots = new WeakMap<Element | DocumentFragment, Root>();

unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});
