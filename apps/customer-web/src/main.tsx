import "@pizza/ui/styles.css";
import "./app.css";
import { ApiProvider } from "@pizza/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { I18nProvider } from "./i18n/index.tsx";
import { appLocale } from "./lib/app-locale.ts";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApiProvider app="customer-web" locale={appLocale}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </ApiProvider>
  </StrictMode>,
);
