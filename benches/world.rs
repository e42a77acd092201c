fn main() {
    eprintln!("world benchmark not written yet");
}
