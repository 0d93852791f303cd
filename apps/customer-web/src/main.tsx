import "@pizza/ui/styles.css";
import "./app.css";
import { ApiProvider } from "@pizza/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApiProvider app="customer-web">
      <App />
    </ApiProvider>
  </StrictMode>,
);
