//! `diagram.render(doc, { format })`: a call flow of either platform as Mermaid, DOT or
//! SVG text.

use callflow_core::diagram::{Diagram, Format};
use napi::Env;
use napi_derive::napi;

use crate::document::{Document, JsDocument};
use crate::errors::{parse_option, type_error};

/// How to draw a diagram.
#[napi(object, object_to_js = false, namespace = "diagram")]
pub struct RenderOptions {
    /// The output: Mermaid `flowchart` text, Graphviz DOT text, or an SVG picture.
    /// @default 'mermaid'
    #[napi(ts_type = "'mermaid' | 'dot' | 'svg'")]
    pub format: Option<String>,
}

/// Draws a Yay.com call flow (`{flow}`), an 8x8 body (`{callflow}`) or an 8x8 IVR
/// (`{start?, menus}`), given like `voice.validate`'s `doc`. Throws a `TypeError` for an
/// unknown format or a document that is neither platform's call flow.
#[napi(
    namespace = "diagram",
    catch_unwind,
    ts_args_type = "doc: unknown, options?: RenderOptions"
)]
pub fn render(
    env: Env,
    doc: JsDocument<'_>,
    options: Option<RenderOptions>,
) -> napi::Result<String> {
    let format = parse_option(
        env,
        options.and_then(|options| options.format),
        Format::Mermaid,
    )?;
    let document = Document::read(env, doc)?;
    Diagram::from_json(&document)
        .map(|diagram| diagram.render(format))
        .map_err(|err| type_error(env, err.to_string()))
}
