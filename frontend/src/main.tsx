import '@mantine/core/styles.css';
import './styles/global.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startApp } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const app = startApp();
createRoot(root).render(
  <StrictMode>
    <App {...app} />
  </StrictMode>,
);
