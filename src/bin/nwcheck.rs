fn main() {
    let path = std::env::args().nth(2).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let a = nwcheck::analyze(&bytes, Some(&path));
    println!("{}", serde_json::to_string_pretty(&a.report).unwrap());
}
