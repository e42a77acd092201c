//! Entry point of the web app (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    sqs_playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "sqs-playground {} is a web app: run `make serve`. Native tools: sqs-replay, sqs-world.",
        sqs_playground::VERSION
    );
}
