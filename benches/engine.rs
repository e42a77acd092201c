fn main() {
    eprintln!("engine benchmark not written yet");
}
