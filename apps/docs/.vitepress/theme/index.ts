// The site's theme: VitePress's default theme plus the live demos, registered globally so
// any page can use them as tags.
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import { registerDemos } from '../../src/components/register.js';
import './style.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    registerDemos(app);
  },
} satisfies Theme;
