//! The golden diagrams in `tests/fixtures/diagram/`: each `<name>.json` (the seed's
//! flow is read from `examples/pbx/`) renders to exactly `<name>.mmd`, `<name>.dot`
//! and `<name>.svg`, and the pictures in `docs/` are the current renders.

use std::fs;
use std::path::{Path, PathBuf};

use callflow_core::diagram::{Diagram, Format};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render(input: &Path, format: Format) -> String {
    let text = fs::read(input).unwrap_or_else(|err| panic!("{}: {err}", input.display()));
    Diagram::from_json(text.as_slice())
        .unwrap_or_else(|err| panic!("{}: {err}", input.display()))
        .render(format)
}

fn input(name: &str) -> PathBuf {
    let fixture = root()
        .join("tests/fixtures/diagram")
        .join(format!("{name}.json"));
    if fixture.exists() {
        fixture
    } else {
        root().join("examples/pbx").join(format!("{name}.json"))
    }
}

#[test]
fn every_golden_diagram_is_rendered_exactly() {
    let names = ["call-pete", "support-line", "restaurant-ivr", "simple-ivr"];
    for name in names {
        for (format, extension) in [
            (Format::Mermaid, "mmd"),
            (Format::Dot, "dot"),
            (Format::Svg, "svg"),
        ] {
            let golden = root()
                .join("tests/fixtures/diagram")
                .join(format!("{name}.{extension}"));
            let expected = fs::read_to_string(&golden)
                .unwrap_or_else(|err| panic!("{}: {err}", golden.display()));
            assert_eq!(
                render(&input(name), format),
                expected,
                "{}",
                golden.display()
            );
        }
    }
}

#[test]
fn the_readme_pictures_are_current() {
    for name in ["call-pete", "restaurant-ivr"] {
        let picture = root().join("docs").join(format!("{name}.svg"));
        let shown = fs::read_to_string(&picture)
            .unwrap_or_else(|err| panic!("{}: {err}", picture.display()));
        assert_eq!(
            render(&input(name), Format::Svg),
            shown,
            "{}",
            picture.display()
        );
    }
}

#[test]
fn rendering_is_deterministic() {
    let first = render(&input("support-line"), Format::Svg);
    for _ in 0..5 {
        assert_eq!(render(&input("support-line"), Format::Svg), first);
    }
}
