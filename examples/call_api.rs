//! Calls any API of any provider with the generated client, by its name.
//!
//! Input: `--provider P [--api NAME] [--param NAME=VALUE ...] [--signing SCHEME] [--output json|table]
//! [--columns A,B] [--region R] [--endpoint URL] [--domain D]` and the provider's credential
//! environment variables. Output: the answer's main list as a table (or the whole answer as JSON)
//! on stdout, or a message on stderr and a non-zero exit status (2 for a bad command line or
//! request, 1 for an API or transport error).
//!
//! ```text
//! cargo run --example call_api -- --provider aliyun --region cn-hangzhou --param ImageOwnerAlias=system
//! cargo run --example call_api -- --provider jdcloud --api createDisks --param maxCount=1 \
//!     --param diskSpec='{"az":"cn-north-1a","name":"data","diskType":"ssd","diskSizeGB":20}'
//! cargo run --example call_api -- --provider tencent-v3 --api DescribeInstances --signing v1 --output json
//! ```

use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;
use yunapi::runtime::{
    Api, HmacAlgorithm, JdCloudVersion, Params, Provider, SigningScheme, TencentV3Signature, ValidationErrors,
};
use yunapi::{Client, Config, Error, aliyun, jdcloud, qingcloud, qingcloud_private, tencent, tencent_v3};

/// Call one API of one cloud by its name and print its answer.
#[derive(Debug, Parser)]
#[command(name = "call_api")]
struct Args {
    /// The cloud to ask.
    #[arg(long, value_enum)]
    provider: Cloud,
    /// The API, by its action name (any case: `describeimages` finds `DescribeImages`).
    #[arg(long, default_value = "DescribeImages")]
    api: String,
    /// One API parameter by its wire name as the page writes it (`imageType=1`, `Tag.1.Key=env`);
    /// an object or a list of objects as JSON (`diskSpec={"az":"cn-north-1a"}`).
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    params: Vec<(String, String)>,
    /// The signature variant, one of the provider's: `hmac-sha256` or `hmac-sha1` (QingCloud,
    /// Tencent v2), `hmac-sha1` (Alibaba), `jdcloud3` or `jdcloud2` (JD Cloud), `tc3`, `v1` or
    /// `v1-hmac-sha1` (Tencent API 3.0). The provider's default without it.
    #[arg(long, value_enum)]
    signing: Option<Signing>,
    /// `table`: the answer's main list (the images of DescribeImages); `json`: the whole answer.
    #[arg(long, value_enum, default_value_t = Output::Table)]
    output: Output,
    /// The table's columns, by the answer's field names (`ImageId,Status`); a choice of the
    /// id, name, OS, status and creation time without it.
    #[arg(long, value_delimiter = ',')]
    columns: Vec<String>,
    /// The provider's own region notion: the zone for QingCloud (pek3a), `Region` for Tencent
    /// (gz, ap-guangzhou), `RegionId` for Alibaba (cn-hangzhou), `regionId` for JD Cloud
    /// (cn-north-1).
    #[arg(long)]
    region: Option<String>,
    /// Send to this URL instead of the provider's endpoint (`http://127.0.0.1:8080`).
    #[arg(long)]
    endpoint: Option<String>,
    /// The private cloud's domain (`api.<domain>` serves the API); qingcloud-private only.
    #[arg(long)]
    domain: Option<String>,
}

/// The providers of the generated client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Cloud {
    /// QingCloud (zone, e.g. pek3a).
    Qingcloud,
    /// A QingCloud-compatible private cloud (needs --domain or --endpoint).
    QingcloudPrivate,
    /// Tencent Cloud, API v2 (Region, e.g. gz).
    Tencent,
    /// Tencent Cloud, API 3.0 (Region, e.g. ap-guangzhou).
    TencentV3,
    /// Alibaba Cloud ECS (RegionId, e.g. cn-hangzhou).
    Aliyun,
    /// JD Cloud (regionId, e.g. cn-north-1).
    Jdcloud,
}

impl Cloud {
    fn provider(self) -> &'static Provider {
        match self {
            Cloud::Qingcloud => &qingcloud::PROVIDER,
            Cloud::QingcloudPrivate => &qingcloud_private::PROVIDER,
            Cloud::Tencent => &tencent::PROVIDER,
            Cloud::TencentV3 => &tencent_v3::PROVIDER,
            Cloud::Aliyun => &aliyun::PROVIDER,
            Cloud::Jdcloud => &jdcloud::PROVIDER,
        }
    }

    /// The API called `action` (its exact spelling first, then ignoring case).
    fn api(self, action: &str) -> Option<&'static Api> {
        match self {
            Cloud::Qingcloud => qingcloud::api(action),
            Cloud::QingcloudPrivate => qingcloud_private::api(action),
            Cloud::Tencent => tencent::api(action),
            Cloud::TencentV3 => tencent_v3::api(action),
            Cloud::Aliyun => aliyun::api(action),
            Cloud::Jdcloud => jdcloud::api(action),
        }
    }

    /// Every API of the provider.
    fn apis(self) -> &'static [Api] {
        match self {
            Cloud::Qingcloud => qingcloud::APIS,
            Cloud::QingcloudPrivate => qingcloud_private::APIS,
            Cloud::Tencent => tencent::APIS,
            Cloud::TencentV3 => tencent_v3::APIS,
            Cloud::Aliyun => aliyun::APIS,
            Cloud::Jdcloud => jdcloud::APIS,
        }
    }

    /// The region used when `--region` is not given: the one each provider's pages use.
    fn default_region(self) -> &'static str {
        match self {
            Cloud::Qingcloud | Cloud::QingcloudPrivate => "pek3a",
            Cloud::Tencent => "gz",
            Cloud::TencentV3 => "ap-guangzhou",
            Cloud::Aliyun => "cn-hangzhou",
            Cloud::Jdcloud => "cn-north-1",
        }
    }
}

/// The signature variants, by the names the command line takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Signing {
    HmacSha1,
    HmacSha256,
    Jdcloud2,
    Jdcloud3,
    Tc3,
    /// Tencent API 3.0's v1 signature with HMAC-SHA256.
    V1,
    V1HmacSha1,
}

impl Signing {
    /// The variant of the scheme `of` (a provider's) that this names, if it is one of its.
    fn scheme(self, of: SigningScheme) -> Option<SigningScheme> {
        use SigningScheme as S;
        let hmac = |sha256| if sha256 { HmacAlgorithm::Sha256 } else { HmacAlgorithm::Sha1 };
        Some(match (of, self) {
            (S::QingCloud(_), Signing::HmacSha1 | Signing::HmacSha256) => {
                S::QingCloud(hmac(self == Signing::HmacSha256))
            }
            (S::TencentV2(_), Signing::HmacSha1 | Signing::HmacSha256) => {
                S::TencentV2(hmac(self == Signing::HmacSha256))
            }
            (S::AliyunRpc, Signing::HmacSha1) => S::AliyunRpc,
            (S::JdCloud(_), Signing::Jdcloud2) => S::JdCloud(JdCloudVersion::V2),
            (S::JdCloud(_), Signing::Jdcloud3) => S::JdCloud(JdCloudVersion::V3),
            (S::TencentV3(_), Signing::Tc3) => S::TencentV3(TencentV3Signature::Tc3),
            (S::TencentV3(_), Signing::V1 | Signing::V1HmacSha1) => {
                S::TencentV3(TencentV3Signature::V1(hmac(self == Signing::V1)))
            }
            _ => return None,
        })
    }

    /// The name the command line takes.
    fn name(self) -> String {
        self.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default()
    }
}

/// How the answer is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    Table,
    Json,
}

/// Splits `NAME=VALUE` at the first `=`.
fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("{text:?} is not NAME=VALUE (for example imageType=1)")),
    }
}

/// Why the example failed, and the exit status that says so.
enum Failure {
    /// The command line or the request is invalid, or the setup incomplete: nothing was sent.
    Usage(String),
    /// The provider or the network failed the call.
    Call(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        match error {
            Error::Validation(_) | Error::Config(_) | Error::MissingCredentials { .. } => {
                Failure::Usage(error.to_string())
            }
            other => Failure::Call(other.to_string()),
        }
    }
}

impl From<ValidationErrors> for Failure {
    fn from(errors: ValidationErrors) -> Self {
        Failure::from(Error::Validation(errors))
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Call(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<(), Failure> {
    let cloud = args.provider;
    let provider = cloud.provider();
    let api = cloud.api(&args.api).ok_or_else(|| {
        let names: Vec<&str> = cloud.apis().iter().map(Api::action).collect();
        Failure::Usage(format!("{} has no API {:?}; it has {}", provider.name, args.api, names.join(", ")))
    })?;
    let pairs: Vec<(String, String)> =
        args.params.iter().flat_map(|(name, value)| wire_pairs(name, value, provider)).collect();
    let request = api.from_wire(&pairs)?;

    let region = args.region.clone().unwrap_or_else(|| cloud.default_region().to_owned());
    let mut config = Config::default().with_region(region);
    if let Some(signing) = args.signing {
        let scheme = signing.scheme(provider.scheme).ok_or_else(|| {
            let own: Vec<String> = Signing::value_variants()
                .iter()
                .filter(|s| s.scheme(provider.scheme).is_some())
                .map(|s| s.name())
                .collect();
            Failure::Usage(format!(
                "--signing {} is not a signature of {}; use one of {}",
                signing.name(),
                provider.name,
                own.join(", ")
            ))
        })?;
        config = config.with_signing(scheme);
    }
    if let Some(endpoint) = &args.endpoint {
        config = config.with_endpoint(endpoint);
    }
    if let Some(domain) = &args.domain {
        config = config.with_domain(domain.clone());
    }
    let client = Client::from_env(provider, config)?;
    let answer = client.send_dyn_json(request.as_ref()).await?;
    match args.output {
        Output::Json => {
            println!("{}", serde_json::to_string_pretty(&answer).unwrap_or_else(|_| answer.to_string()));
        }
        Output::Table => print_answer(&answer, &args.columns),
    }
    Ok(())
}

/// The wire parameters of `--param name=value`: an object or a list of objects given as JSON
/// becomes its fields' wire names the provider's way (`diskSpec.az`, `filters.1.values.1`);
/// anything else, a JSON array of values too (`DiskIds=["d-1"]`), is one parameter as written.
fn wire_pairs(name: &str, value: &str, provider: &'static Provider) -> Vec<(String, String)> {
    let objects = match serde_json::from_str::<Value>(value) {
        Ok(json @ Value::Object(_)) => Some(json),
        Ok(Value::Array(items)) if !items.is_empty() && items.iter().all(Value::is_object) => {
            Some(Value::Array(items))
        }
        _ => None,
    };
    match objects {
        Some(json) => {
            let mut params = Params::new(provider);
            params.set_default(name, json);
            params.pairs()
        }
        None => vec![(name.to_owned(), value.to_owned())],
    }
}

/// Prints the answer's main list as a table, or, when it has none, its fields one per line.
fn print_answer(answer: &Value, columns: &[String]) {
    let Some((key, items)) = main_list(answer) else {
        let rows = match answer {
            Value::Object(fields) => fields.iter().map(|(k, v)| vec![k.clone(), cell(Some(v))]).collect(),
            other => vec![vec![String::new(), cell(Some(other))]],
        };
        print_table(&["FIELD".to_owned(), "VALUE".to_owned()], &rows);
        return;
    };
    let columns = if columns.is_empty() { default_columns(key, items) } else { columns.to_vec() };
    let rows: Vec<Vec<String>> =
        items.iter().map(|item| columns.iter().map(|c| cell(item.get(c))).collect()).collect();
    print_table(&columns, &rows);
    match total(answer) {
        Some(total) => println!("{} of {total} items", rows.len()),
        None => println!("{} items", rows.len()),
    }
}

/// The answer's main list and its key: the first list of objects, breadth first (`image_set`,
/// `Images.Image`, `result.images`); the first empty list when no list holds an object.
fn main_list(answer: &Value) -> Option<(&str, &[Value])> {
    let mut empty = None;
    let mut level = vec![("", answer)];
    while !level.is_empty() {
        let mut next = Vec::new();
        for (key, value) in level {
            match value {
                Value::Array(items) if items.is_empty() => empty = empty.or(Some((key, items.as_slice()))),
                Value::Array(items) if items.iter().all(Value::is_object) => return Some((key, items)),
                Value::Object(fields) => next.extend(fields.iter().map(|(k, v)| (k.as_str(), v))),
                _ => {}
            }
        }
        level = next;
    }
    empty
}

/// `ImageId` → `imageid`: field names compared whatever their case and separators.
fn plain(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The id, name, OS, status and creation time of the items of the list `key`, as far as they
/// have them; else their first six fields.
fn default_columns(key: &str, items: &[Value]) -> Vec<String> {
    let mut scalars: Vec<&str> = Vec::new();
    for (name, value) in items.iter().filter_map(Value::as_object).flatten() {
        if !value.is_object() && !value.is_array() && !scalars.contains(&name.as_str()) {
            scalars.push(name);
        }
    }
    // `image_set`, `Image`, `images` → `image`: an item's own id is `imageid`.
    let list = plain(key);
    let item =
        list.strip_suffix("set").or(list.strip_suffix("list")).or(list.strip_suffix('s')).unwrap_or(&list);
    let named = |wanted: &[String]| scalars.iter().find(|s| wanted.contains(&plain(s))).copied();
    let words = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
    let id = named(&[format!("{item}id"), "id".to_owned()])
        .or_else(|| scalars.iter().find(|s| plain(s).ends_with("id")).copied());
    let chosen = [
        id,
        named(&[format!("{item}name"), "name".to_owned()]),
        named(&words(&["osname", "osfamily", "ostype", "platform", "os"])),
        named(&words(&["status", "state"])),
        named(&words(&["createtime", "creationtime", "createdtime", "createdat", "created"])),
    ];
    let mut columns: Vec<String> = Vec::new();
    for column in chosen.into_iter().flatten() {
        if !columns.iter().any(|c| c == column) {
            columns.push(column.to_owned());
        }
    }
    if columns.len() < 2 {
        columns = scalars.iter().take(6).map(|s| (*s).to_owned()).collect();
    }
    columns
}

/// The total the answer reports (`TotalCount`, `total_count`, `result.totalCount`), if any.
fn total(answer: &Value) -> Option<u64> {
    let fields = answer.as_object()?;
    let own = fields.iter().find(|(k, v)| plain(k).contains("total") && v.is_u64());
    let nested = || {
        fields
            .values()
            .filter_map(Value::as_object)
            .flatten()
            .find(|(k, v)| plain(k).contains("total") && v.is_u64())
    };
    own.or_else(nested).and_then(|(_, v)| v.as_u64())
}

/// A table cell: text as it is, other scalars as JSON spells them, nothing for an absent field.
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// Prints the rows under a header, columns padded to their widest cell (CJK characters are two
/// columns wide).
fn print_table(header: &[String], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let padded: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.width())))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    }
}
