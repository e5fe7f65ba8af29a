//! `pbx.check`, and the `pbx.CallFlow` and `pbx.Module` classes: Yay.com call flows.

use callflow_core::json::Json;
use callflow_core::pbx;
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::document::{Document, JsDocument};
use crate::errors::{type_error, validation_error};
use crate::js_text;
use crate::report::Report;

/// How to check a call flow.
#[napi(object, object_to_js = false, namespace = "pbx")]
pub struct CheckOptions {
    /// Accept only the modules the Yay docs list (not `callqueue`, `sleep`, ...).
    /// @default false
    pub strict: Option<bool>,
}

fn options(options: Option<CheckOptions>) -> pbx::Options {
    pbx::Options::new().strict(options.and_then(|options| options.strict).unwrap_or(false))
}

/// Every issue in a Yay.com call flow, as plain data: `{ ok, statusCode, issues }`, plus
/// `omitted` when more issues were found than listed. Codes are kebab-case names such
/// as `'dangling-reference'`. `doc` is taken like `voice.validate`'s.
#[napi(
    namespace = "pbx",
    catch_unwind,
    ts_args_type = "doc: unknown, options?: CheckOptions"
)]
pub fn check(env: Env, doc: JsDocument<'_>, options: Option<CheckOptions>) -> napi::Result<Report> {
    let document = Document::read(env, doc)?;
    Ok(Report::from(&self::options(options).check(&document)))
}

/// A JavaScript value as a tree the model keeps, read as `JSON.stringify` writes it.
fn value(env: Env, value: Unknown<'_>) -> napi::Result<Json<'static>> {
    let text = js_text::stringify(env, value)?.unwrap_or_else(|| "null".to_owned());
    Json::parse_str(&text)
        .map(Json::into_owned)
        .map_err(|err| type_error(env, format!("the value has no JSON form: {err}")))
}

/// Options of a new call flow.
#[napi(object, object_to_js = false, namespace = "pbx")]
pub struct CallFlowOptions {
    /// Whether the call flow's name is shown in the forwarded caller ID.
    pub show_call_route_name: Option<bool>,
    /// Whether the forwarded caller ID is the original caller's (or the number called).
    pub show_original_caller_id: Option<bool>,
}

/// A Yay.com call flow: `extension`, `name`, the caller-ID options, the read-only
/// `uuid`, `created_on` and `updated_on`, and its modules by key, in order.
#[napi(namespace = "pbx")]
pub struct CallFlow {
    flow: pbx::CallFlow,
}

#[napi(namespace = "pbx")]
impl CallFlow {
    /// A new call flow with no modules yet; add them with `withModule`.
    #[napi(constructor, catch_unwind)]
    pub fn new(extension: u32, name: String, options: Option<CallFlowOptions>) -> Self {
        let mut flow = pbx::CallFlow::new(u64::from(extension), name);
        if let Some(options) = options {
            if let Some(show) = options.show_call_route_name {
                flow = flow.with_show_call_route_name(show);
            }
            if let Some(show) = options.show_original_caller_id {
                flow = flow.with_show_original_caller_id(show);
            }
        }
        CallFlow { flow }
    }

    /// Reads a call flow from JSON text, its UTF-8 bytes or a value, keeping every
    /// member; throws `ValidationError` only when it is not shaped like a call flow.
    #[napi(factory, catch_unwind, ts_args_type = "doc: unknown")]
    pub fn from_json(env: Env, doc: JsDocument<'_>) -> napi::Result<Self> {
        let document = Document::read(env, doc)?;
        pbx::CallFlow::from_json(&document)
            .map(|flow| CallFlow { flow })
            .map_err(|err| validation_error(env, &err))
    }

    /// The extension number, or `null`.
    #[napi(getter, catch_unwind)]
    pub fn extension(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)]
        self.flow.extension().map(|n| n as f64)
    }

    /// The call flow's name, or `null`.
    #[napi(getter, catch_unwind)]
    pub fn name(&self) -> Option<String> {
        self.flow.name().map(str::to_owned)
    }

    /// Whether the name is shown in the forwarded caller ID, when set.
    #[napi(getter, catch_unwind)]
    pub fn show_call_route_name(&self) -> Option<bool> {
        self.flow.show_call_route_name()
    }

    /// Whether the forwarded caller ID is the original caller's, when set.
    #[napi(getter, catch_unwind)]
    pub fn show_original_caller_id(&self) -> Option<bool> {
        self.flow.show_original_caller_id()
    }

    /// The uuid the API gave the call flow (read-only), or `null`.
    #[napi(getter, catch_unwind)]
    pub fn uuid(&self) -> Option<String> {
        self.flow.uuid().map(str::to_owned)
    }

    /// When the call flow was created (read-only), or `null`.
    #[napi(getter, catch_unwind)]
    pub fn created_on(&self) -> Option<String> {
        self.flow.created_on().map(str::to_owned)
    }

    /// When the call flow was last updated (read-only), or `null`.
    #[napi(getter, catch_unwind)]
    pub fn updated_on(&self) -> Option<String> {
        self.flow.updated_on().map(str::to_owned)
    }

    /// The keys of the modules, in order.
    #[napi(getter, catch_unwind)]
    pub fn keys(&self) -> Vec<String> {
        self.flow
            .flow()
            .iter()
            .map(|(key, _)| key.to_owned())
            .collect()
    }

    /// The module at `key`, or `null`.
    #[napi(catch_unwind)]
    // napi hands JavaScript strings over by value only.
    #[allow(clippy::needless_pass_by_value)]
    pub fn module(&self, key: String) -> Option<Module> {
        self.flow
            .flow()
            .get(&key)
            .cloned()
            .map(|module| Module { module })
    }

    /// A copy with the module at `key` added or replaced.
    #[napi(catch_unwind)]
    pub fn with_module(&self, key: String, module: &Module) -> CallFlow {
        CallFlow {
            flow: self.flow.clone().module(key, module.module.clone()),
        }
    }

    /// Every issue in the call flow.
    #[napi(catch_unwind)]
    pub fn check(&self, options: Option<CheckOptions>) -> Report {
        Report::from(&self.flow.check_with(self::options(options)))
    }

    /// The call flow as compact JSON text, members in order.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.flow.to_json()
    }

    /// The call flow as a plain object, so that `JSON.stringify(flow)` writes the same
    /// text as `toJson()`.
    #[napi(catch_unwind, js_name = "toJSON", ts_return_type = "CallFlowJson")]
    pub fn to_wire<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        js_text::parse(env, self.flow.to_json())
    }
}

/// What an `extension` module rings.
#[napi(object, object_to_js = false, namespace = "pbx")]
pub struct Target {
    /// `'sipuser'`, `'huntgroup'` or `'forward'`.
    #[napi(js_name = "type", ts_type = "TargetType")]
    pub kind: String,
    /// The uuid of a SIP user or hunt group.
    pub uuid: Option<String>,
    /// The E.164 number of a forward.
    pub number: Option<String>,
}

impl Target {
    fn into_core(self, env: Env) -> napi::Result<pbx::Target> {
        pbx::Target::from_type(&self.kind, self.uuid, self.number)
            .map_err(|err| type_error(env, err.to_string()))
    }
}

/// One module of a call flow: its `module` name as written and all its members.
#[napi(namespace = "pbx")]
pub struct Module {
    module: pbx::Module,
}

#[napi(namespace = "pbx")]
impl Module {
    /// A module called `name` (any letter case, documented or not), with the members of
    /// `fields`, read as `JSON.stringify` writes them.
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "name: string, fields?: Record<string, unknown>"
    )]
    pub fn new(env: Env, name: String, fields: Option<Unknown<'_>>) -> napi::Result<Self> {
        let mut module = pbx::Module::named(name);
        if let Some(fields) = fields {
            match value(env, fields)? {
                Json::Object(members) => {
                    for (field, member) in members {
                        module = module.set(&field, member);
                    }
                }
                Json::Null => {}
                other => {
                    return Err(type_error(
                        env,
                        format!("fields must be an object, not {}", other.kind()),
                    ));
                }
            }
        }
        Ok(Module { module })
    }

    /// `start`, leading to `next`.
    #[napi(factory, catch_unwind)]
    pub fn start(next: String) -> Self {
        Module {
            module: pbx::Module::start(next),
        }
    }

    /// `play` of the sound `sound`.
    #[napi(factory, catch_unwind)]
    pub fn play(sound: String) -> Self {
        Module {
            module: pbx::Module::play(sound),
        }
    }

    /// `musiconhold` with the playlist `playlist` (the `class` member).
    #[napi(factory, catch_unwind)]
    pub fn music_on_hold(playlist: String) -> Self {
        Module {
            module: pbx::Module::music_on_hold(playlist),
        }
    }

    /// `calleridmatch` with its regular expressions.
    #[napi(factory, catch_unwind)]
    pub fn caller_id_match(patterns: Vec<String>) -> Self {
        Module {
            module: pbx::Module::caller_id_match(patterns),
        }
    }

    /// `extension`, ringing `targets` at once.
    #[napi(factory, catch_unwind)]
    pub fn extension(env: Env, targets: Vec<Target>) -> napi::Result<Self> {
        let targets = targets
            .into_iter()
            .map(|target| target.into_core(env))
            .collect::<napi::Result<Vec<_>>>()?;
        Ok(Module {
            module: pbx::Module::extension(targets),
        })
    }

    /// `pressextension`, an IVR menu; add its keys with `withBranch`.
    #[napi(factory, catch_unwind)]
    pub fn press_extension() -> Self {
        Module {
            module: pbx::Module::press_extension(),
        }
    }

    /// `voicemail` to the mailboxes listed (the engine uses the first).
    #[napi(factory, catch_unwind)]
    pub fn voicemail(mailboxes: Vec<String>) -> Self {
        Module {
            module: pbx::Module::voicemail(mailboxes),
        }
    }

    /// `trunk` to the trunk `uuid`.
    #[napi(factory, catch_unwind)]
    pub fn trunk(uuid: String) -> Self {
        Module {
            module: pbx::Module::trunk(uuid),
        }
    }

    /// The `module` name, as written.
    #[napi(getter, catch_unwind)]
    pub fn name(&self) -> String {
        self.module.name().to_owned()
    }

    /// The documented kind in lower case (`'trunk'` for `Trunk`), or `null`.
    #[napi(getter, catch_unwind)]
    pub fn kind(&self) -> Option<&'static str> {
        self.module.kind().map(pbx::ModuleKind::as_str)
    }

    /// The member `field` as a plain value, or `null`.
    #[napi(catch_unwind, ts_return_type = "unknown")]
    // napi hands JavaScript strings over by value only.
    #[allow(clippy::needless_pass_by_value)]
    pub fn get<'env>(&self, env: &'env Env, field: String) -> napi::Result<Option<Unknown<'env>>> {
        self.module
            .get(&field)
            .map(|member| js_text::parse(env, member.to_text()))
            .transpose()
    }

    /// A copy with the member `field` set to `value` (read as `JSON.stringify` writes it).
    #[napi(catch_unwind, ts_args_type = "field: string, value: unknown")]
    // napi hands JavaScript strings over by value only.
    #[allow(clippy::needless_pass_by_value)]
    pub fn with_field(&self, env: Env, field: String, value: Unknown<'_>) -> napi::Result<Module> {
        Ok(Module {
            module: self.module.clone().set(&field, self::value(env, value)?),
        })
    }

    /// A copy whose `next` is the key `key`.
    #[napi(catch_unwind)]
    pub fn with_next(&self, key: String) -> Module {
        Module {
            module: self.module.clone().next(key),
        }
    }

    /// A copy with the branch `branch` (a key pressed, `invalid`, `timeout`) of its
    /// `next` map leading to `key`.
    #[napi(catch_unwind)]
    pub fn with_branch(&self, branch: String, key: String) -> Module {
        Module {
            module: self.module.clone().branch(branch, key),
        }
    }

    /// A copy with the outcome `outcome` (`match`, `nomatch`, `noanswer`, ...) leading
    /// to `key`.
    #[napi(catch_unwind)]
    // napi hands JavaScript strings over by value only.
    #[allow(clippy::needless_pass_by_value)]
    pub fn with_outcome(&self, outcome: String, key: String) -> Module {
        Module {
            module: self.module.clone().on(&outcome, key),
        }
    }

    /// The module as a plain object, members in order.
    #[napi(catch_unwind, js_name = "toJSON", ts_return_type = "ModuleJson")]
    pub fn to_wire<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        js_text::parse(env, self.module.to_json())
    }
}
