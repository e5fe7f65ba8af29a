//! Running a whole call: the emulator yields webhooks, the backend answers them.

use callflow_core::voice::emulator::{Emulator, Failure, Response, Transcript};

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
    pub async fn emulate(&self, mut emulator: Emulator) -> Transcript {
        while let Some(webhook) = emulator.next_webhook() {
            let response = self.deliver(&webhook).await;
            emulator.respond(response);
        }
        emulator.into_transcript()
    }

    /// [`emulate`](Self::emulate) for code that is not async: it runs the call on a
    /// runtime of its own, on this thread, and blocks until the call is over (bindings
    /// call it with their interpreter's lock released).
    ///
    /// Called on a thread that is already inside a tokio runtime, it runs the call on a
    /// helper thread instead, since a runtime cannot block inside another. If no runtime
    /// can be started at all, every webhook counts as a connection failure.
    pub fn emulate_blocking(&self, emulator: Emulator) -> Transcript {
        if tokio::runtime::Handle::try_current().is_ok() {
            return std::thread::scope(|scope| {
                let helper = scope.spawn(|| self.emulate_here(emulator));
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
        }
        self.emulate_here(emulator)
    }

    /// Runs the call on a new current-thread runtime on this thread.
    fn emulate_here(&self, emulator: Emulator) -> Transcript {
        match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime.block_on(self.emulate(emulator)),
            Err(err) => {
                let detail = format!("cannot start the I/O runtime: {err}");
                emulator.run(|_| Response::Failed {
                    failure: Failure::Connection,
                    detail: detail.clone(),
                    latency_ms: 0.0,
                })
            }
        }
    }
}
