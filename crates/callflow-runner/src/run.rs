//! Running a whole call, or a whole exploration: the emulator yields webhooks, the
//! backend answers them.

use callflow_core::voice::emulator::{
    Emulator, Exploration, Explorer, Failure, Response, Transcript,
};

use crate::backend::HttpBackend;

impl HttpBackend {
    /// Runs the call to its end: each webhook the emulator yields is delivered, and the
    /// answer handed back, until the call is over.
    ///
    /// ```no_run
    /// use callflow_core::voice::emulator::{Emulator, Options, Script};
    /// use callflow_runner::HttpBackend;
    ///
    /// # async fn run() -> Result<(), callflow_runner::RunnerError> {
    /// let request = std::fs::read("simple-ivr.json").unwrap_or_default();
    /// let call = Emulator::outbound(request.as_slice(), Script::new().press("1"), Options::default());
    /// let transcript = HttpBackend::new("http://127.0.0.1:5000/vca")?.emulate(call).await;
    /// println!("{}", transcript.to_text());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn emulate(&self, emulator: Emulator) -> Transcript {
        self.play(emulator).await.into_transcript()
    }

    /// Runs the call to its end and gives the emulator back, for an [`Explorer`].
    pub async fn play(&self, mut emulator: Emulator) -> Emulator {
        while let Some(webhook) = emulator.next_webhook() {
            let response = self.deliver(&webhook).await;
            emulator.respond(response);
        }
        emulator
    }

    /// Explores the backend's IVR: every call the explorer asks for, one after another.
    ///
    /// ```no_run
    /// use callflow_core::voice::emulator::{ExploreOptions, Explorer, Options};
    /// use callflow_runner::HttpBackend;
    ///
    /// # async fn run() -> Result<(), callflow_runner::RunnerError> {
    /// let explorer = Explorer::inbound("+6591234567", "+6568888888", Options::default(),
    ///     ExploreOptions::default());
    /// let found = HttpBackend::new("http://127.0.0.1:5000/vca")?.explore(explorer).await;
    /// println!("{}", found.to_text());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn explore(&self, mut explorer: Explorer) -> Exploration {
        while let Some(call) = explorer.next_call() {
            let call = self.play(call).await;
            explorer.record(call);
        }
        explorer.exploration()
    }

    /// [`emulate`](Self::emulate) for code that is not async: it runs the call on a
    /// runtime of its own, on this thread, and blocks until the call is over (bindings
    /// call it with their interpreter's lock released).
    ///
    /// Called on a thread that is already inside a tokio runtime, it runs the call on a
    /// helper thread instead, since a runtime cannot block inside another. If no runtime
    /// can be started at all, every webhook counts as a connection failure.
    pub fn emulate_blocking(&self, emulator: Emulator) -> Transcript {
        self.blocking(emulator)
    }

    /// [`explore`](Self::explore) for code that is not async, as
    /// [`emulate_blocking`](Self::emulate_blocking) runs a call.
    pub fn explore_blocking(&self, explorer: Explorer) -> Exploration {
        self.blocking(explorer)
    }

    /// Runs `work` to its end on a runtime of its own, on a helper thread when this one
    /// is already inside a runtime.
    fn blocking<W: Work>(&self, work: W) -> W::Output {
        if tokio::runtime::Handle::try_current().is_ok() {
            return std::thread::scope(|scope| {
                let helper = scope.spawn(|| self.here(work));
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
        }
        self.here(work)
    }

    /// Runs `work` on a new current-thread runtime on this thread.
    fn here<W: Work>(&self, work: W) -> W::Output {
        match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => work.run_on(self, &runtime),
            Err(err) => work.offline(&Response::Failed {
                failure: Failure::Connection,
                detail: format!("cannot start the I/O runtime: {err}"),
                latency_ms: 0.0,
            }),
        }
    }
}

/// A call or an exploration, run to its end by a blocking entry point.
trait Work: Send {
    type Output: Send;
    /// Runs against the backend on `runtime`.
    fn run_on(self, backend: &HttpBackend, runtime: &tokio::runtime::Runtime) -> Self::Output;
    /// Runs with every webhook answered by `failure`.
    fn offline(self, failure: &Response) -> Self::Output;
}

impl Work for Emulator {
    type Output = Transcript;
    fn run_on(self, backend: &HttpBackend, runtime: &tokio::runtime::Runtime) -> Transcript {
        runtime.block_on(backend.emulate(self))
    }
    fn offline(self, failure: &Response) -> Transcript {
        self.run(|_| failure.clone())
    }
}

impl Work for Explorer {
    type Output = Exploration;
    fn run_on(self, backend: &HttpBackend, runtime: &tokio::runtime::Runtime) -> Exploration {
        runtime.block_on(backend.explore(self))
    }
    fn offline(self, failure: &Response) -> Exploration {
        self.run(|_| failure.clone())
    }
}
