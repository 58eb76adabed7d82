//! Lists images with the generated client: one command for all five seed APIs.
//!
//! Input: `--provider P [--region R] [--endpoint URL] [--domain D] [--param NAME=VALUE ...]` and
//! the provider's credential environment variables. Output: the images as a table on stdout, or a
//! message on stderr and a non-zero exit status (2 for a bad command line or request, 1 for an API
//! or transport error).
//!
//! ```text
//! cargo run --example describe_images -- --provider aliyun --region cn-hangzhou --param ImageOwnerAlias=system
//! ```

use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use unicode_width::UnicodeWidthStr;
use yunapi::runtime::{Operation, Provider, ValidationErrors};
use yunapi::{Client, Config, Error, aliyun, jdcloud, qingcloud, qingcloud_private, tencent};

/// The table's header.
const HEADER: [&str; 5] = ["ID", "NAME", "OS", "STATUS", "CREATED"];

/// One line of the table.
type Row = [String; 5];

/// List the images of one cloud with its DescribeImages API.
#[derive(Debug, Parser)]
#[command(name = "describe_images")]
struct Args {
    /// The cloud to ask.
    #[arg(long, value_enum)]
    provider: Cloud,
    /// The provider's own region notion: the zone for QingCloud (pek3a), `Region` for Tencent
    /// (gz), `RegionId` for Alibaba (cn-hangzhou), `regionId` for JD Cloud (cn-north-1).
    #[arg(long)]
    region: Option<String>,
    /// Send to this URL instead of the provider's endpoint (`http://127.0.0.1:8080`).
    #[arg(long)]
    endpoint: Option<String>,
    /// The private cloud's domain (`api.<domain>` serves the API); qingcloud-private only.
    #[arg(long)]
    domain: Option<String>,
    /// One API parameter by its wire name as the page writes it (`imageType=1`, `Tag.1.Key=env`).
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    params: Vec<(String, String)>,
}

/// The five seed APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Cloud {
    /// QingCloud (zone, e.g. pek3a).
    Qingcloud,
    /// A QingCloud-compatible private cloud (needs --domain or --endpoint).
    QingcloudPrivate,
    /// Tencent Cloud, API v2 (Region, e.g. gz).
    Tencent,
    /// Alibaba Cloud ECS (RegionId, e.g. cn-hangzhou).
    Aliyun,
    /// JD Cloud (regionId, e.g. cn-north-1).
    Jdcloud,
}

impl Cloud {
    /// The region used when `--region` is not given: the one each page's examples use.
    fn default_region(self) -> &'static str {
        match self {
            Cloud::Qingcloud | Cloud::QingcloudPrivate => "pek3a",
            Cloud::Tencent => "gz",
            Cloud::Aliyun => "cn-hangzhou",
            Cloud::Jdcloud => "cn-north-1",
        }
    }

    /// The request parameter naming the region, when the API's page lists it among its own
    /// parameters; otherwise the client adds it as a common parameter from the configuration
    /// (Tencent's `Region`, the private cloud's `zone`).
    fn region_param(self) -> Option<&'static str> {
        match self {
            Cloud::Qingcloud => Some("zone"),
            Cloud::QingcloudPrivate | Cloud::Tencent => None,
            Cloud::Aliyun => Some("RegionId"),
            Cloud::Jdcloud => Some("regionId"),
        }
    }
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
    /// The request is invalid or the setup incomplete: nothing was sent.
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
    let region = args.region.clone().unwrap_or_else(|| cloud.default_region().to_owned());
    let mut params = args.params.clone();
    if let Some(name) = cloud.region_param().filter(|name| !params.iter().any(|(k, _)| k == name)) {
        params.push((name.to_owned(), region.clone()));
    }
    let mut config = Config::default().with_region(region);
    if let Some(endpoint) = &args.endpoint {
        config = config.with_endpoint(endpoint);
    }
    if let Some(domain) = &args.domain {
        config = config.with_domain(domain.clone());
    }
    match cloud {
        Cloud::Qingcloud => {
            let request = qingcloud::DescribeImages::from_wire(&params)?;
            let answer = send(&qingcloud::PROVIDER, config, &request).await?;
            let rows = answer.image_set.iter().map(|image| {
                let os = image.os_family.as_ref().map(|os| os.as_str());
                let created = image.create_time.as_ref().map(|t| t.original());
                row(
                    &image.image_id,
                    &image.image_name,
                    os,
                    image.status.as_ref().map(|s| s.as_str()),
                    created,
                )
            });
            print_table(rows.collect(), answer.total_count);
        }
        Cloud::QingcloudPrivate => {
            let request = qingcloud_private::DescribeImages::from_wire(&params)?;
            let answer = send(&qingcloud_private::PROVIDER, config, &request).await?;
            let rows = answer.image_set.iter().map(|image| {
                let os = image.os_family.as_ref().map(|os| os.as_str());
                let created = image.create_time.as_ref().map(|t| t.original());
                row(
                    &image.image_id,
                    &image.image_name,
                    os,
                    image.status.as_ref().map(|s| s.as_str()),
                    created,
                )
            });
            print_table(rows.collect(), answer.total_count);
        }
        Cloud::Tencent => {
            let request = tencent::DescribeImages::from_wire(&params)?;
            let answer = send(&tencent::PROVIDER, config, &request).await?;
            let rows = answer.image_set.iter().map(|image| {
                let status = image.status.as_ref().map(|s| s.as_str());
                row(
                    &image.un_img_id,
                    &image.image_name,
                    image.os_name.as_deref(),
                    status,
                    image.create_time.as_deref(),
                )
            });
            print_table(rows.collect(), answer.total_count);
        }
        Cloud::Aliyun => {
            let request = aliyun::DescribeImages::from_wire(&params)?;
            let answer = send(&aliyun::PROVIDER, config, &request).await?;
            let rows = answer.images.iter().map(|image| {
                let status = image.status.as_ref().map(|s| s.as_str());
                row(
                    &image.image_id,
                    &image.image_name,
                    image.os_name.as_deref(),
                    status,
                    image.creation_time.as_deref(),
                )
            });
            print_table(rows.collect(), answer.total_count);
        }
        Cloud::Jdcloud => {
            let request = jdcloud::DescribeImages::from_wire(&params)?;
            let answer = send(&jdcloud::PROVIDER, config, &request).await?;
            let (images, total) = match answer.result {
                Some(result) => (result.images, result.total_count),
                None => (Vec::new(), None),
            };
            let rows = images.iter().map(|image| {
                let os = image.platform.as_ref().map(|p| p.as_str());
                row(&image.image_id, &image.name, os, image.status.as_deref(), image.create_time.as_deref())
            });
            print_table(rows.collect(), total);
        }
    }
    Ok(())
}

/// Validates `request` and sends it with the credentials in the provider's variables.
async fn send<O: Operation>(
    provider: &'static Provider,
    config: Config,
    request: &O,
) -> Result<O::Output, Failure> {
    request.validate()?;
    let client = Client::from_env(provider, config)?;
    Ok(client.send(request).await?)
}

/// One table line; absent fields are empty cells.
fn row(
    id: &Option<String>,
    name: &Option<String>,
    os: Option<&str>,
    status: Option<&str>,
    created: Option<&str>,
) -> Row {
    let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
    [text(id.as_deref()), text(name.as_deref()), text(os), text(status), text(created)]
}

/// Prints the rows under a header, columns padded to their widest cell, and the count.
fn print_table(rows: Vec<Row>, total: Option<i64>) {
    let mut widths = HEADER.map(UnicodeWidthStr::width);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let header = HEADER.map(str::to_owned);
    for row in std::iter::once(&header).chain(&rows) {
        let padded: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.width())))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    }
    match total {
        Some(total) => println!("{} of {total} images", rows.len()),
        None => println!("{} images", rows.len()),
    }
}
