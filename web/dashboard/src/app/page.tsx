import { Suspense } from "react";
import { Loading } from "@/components/States";
import { Home } from "./Home";

export default function Page() {
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-6">
      <h1 className="sr-only">SMO1</h1>
      <Suspense fallback={<Loading />}>
        <Home />
      </Suspense>
    </main>
  );
}
